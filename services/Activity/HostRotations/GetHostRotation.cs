using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.HostRotations;

/// <summary>An alliance's rotation for a year, with what each month's host produced; an empty one when none is set.</summary>
public sealed class GetHostRotation(ActivityDbContext db, HostRotationReading reading)
{
    public async Task<C.HostRotation> HandleAsync(C.GetHostRotationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId);
        if (request.Year is < HostRotation.MinYear or > HostRotation.MaxYear) errors.Add("year", $"must be between {HostRotation.MinYear} and {HostRotation.MaxYear}.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var alliance = await reading.VisibleAllianceAsync(caller, request.AllianceId, ct);
        var rotation = await db.Set<HostRotation>().AsNoTracking().Include(r => r.Slots)
            .SingleOrDefaultAsync(r => r.AllianceId == alliance.Id && r.Year == request.Year, ct);
        return await reading.ToContractAsync(caller, alliance, request.Year, rotation, ct);
    }
}
