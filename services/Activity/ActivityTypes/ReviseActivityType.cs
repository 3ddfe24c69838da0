using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.ActivityTypes;

/// <summary>
/// A group administrator renames a type, moves it under another measure (activities scheduled from then on count
/// there; those already scheduled keep theirs) or retires it (no new activities); the code stays.
/// </summary>
public sealed class ReviseActivityType(ActivityDbContext db, TimeProvider clock)
{
    public async Task<C.ActivityType> HandleAsync(C.ReviseActivityTypeRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id)
            .Required("nameZh", request.NameZh, ActivityType.MaxNameLength).Required("nameEn", request.NameEn, ActivityType.MaxNameLength);
        if (request.Measure.FromContract() is null) errors.Add("measure", "is required: one of the six joint measures.");
        errors.ThrowIfAny();
        caller.EnsureGroupAdmin("change an activity type");
        var ct = context.CancellationToken;
        var type = await db.ActivityTypes.SingleOrDefaultAsync(t => t.Id == Guid.Parse(request.Id), ct)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "The activity type was not found."));
        Requests.EnsureExpectedVersion(request.ExpectedVersion, type.Version, "activity type");
        try
        {
            type.Revise(request.NameZh, request.NameEn, request.Measure.FromContract()!.Value, request.Retired, caller.UserId ?? "unknown", clock.GetUtcNow().ToUniversalTime());
            await db.SaveChangesAsync(ct);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale("activity type");
        }
        return type.ToContract();
    }
}
