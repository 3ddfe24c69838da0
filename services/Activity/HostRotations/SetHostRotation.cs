using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.HostRotations;

/// <summary>
/// Sets an alliance's rotation for a year whole: each month at most once, hosted by a current member unit. The first
/// save creates it (two at once: one wins, the other is asked to reload); later ones take the version last read.
/// </summary>
public sealed class SetHostRotation(ActivityDbContext db, HostRotationReading reading, TimeProvider clock)
{
    public async Task<C.HostRotation> HandleAsync(C.SetHostRotationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId);
        if (request.Year is < HostRotation.MinYear or > HostRotation.MaxYear) errors.Add("year", $"must be between {HostRotation.MinYear} and {HostRotation.MaxYear}.");
        for (var i = 0; i < request.Slots.Count; i++)
        {
            var slot = request.Slots[i];
            if (slot.Month is < 1 or > 12) errors.Add($"slots[{i}].month", "must be between 1 and 12.");
            else if (request.Slots.Take(i).Any(s => s.Month == slot.Month)) errors.Add($"slots[{i}].month", "is named twice.");
            errors.Id($"slots[{i}].memberUnitId", slot.MemberUnitId);
            errors.Optional($"slots[{i}].note", slot.Note, HostRotation.MaxNoteLength);
        }
        errors.ThrowIfAny();
        caller.EnsureMayPlan("set an alliance's rotating host");
        var ct = context.CancellationToken;
        var alliance = await reading.VisibleAllianceAsync(caller, request.AllianceId, ct);
        if (!HostRotationReading.MayChange(caller, alliance))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only planners of the alliance's lead subsidiary may set its rotating host."));

        var slots = new List<HostRotationSlot>();
        var unknown = new FieldErrors();
        for (var i = 0; i < request.Slots.Count; i++)
        {
            var input = request.Slots[i];
            var unit = alliance.Members.SingleOrDefault(m => m.Id == Guid.Parse(input.MemberUnitId) && m.Current);
            if (unit is null) unknown.Add($"slots[{i}].memberUnitId", "is not a current member unit of the alliance.");
            else slots.Add(HostRotationSlot.Of(input.Month, unit.Id, unit.OrganizationId, unit.Name, input.Note));
        }
        if (unknown.HasErrors) throw unknown.ToException(StatusCode.FailedPrecondition);

        var now = clock.GetUtcNow().ToUniversalTime();
        var by = caller.UserId ?? caller.Role;
        var rotation = await db.Set<HostRotation>().Include(r => r.Slots).SingleOrDefaultAsync(r => r.AllianceId == alliance.Id && r.Year == request.Year, ct);
        if (rotation is null)
        {
            if (request.ExpectedVersion != 0) throw Requests.Stale("rotation");
            rotation = HostRotation.Create(alliance.Id, request.Year, alliance.LeadSubsidiaryId, by, now);
            db.Add(rotation);
        }
        else Requests.EnsureExpectedVersion(request.ExpectedVersion, rotation.Version, "rotation");
        rotation.Replace(slots, by, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another save of the same year won (its create, or its change of the version read here).
            throw Requests.Stale("rotation");
        }
        return await reading.ToContractAsync(caller, alliance, request.Year, rotation, ct);
    }
}
