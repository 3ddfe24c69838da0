using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>
/// The steps every change of an existing activity shares: check the request, load the activity in the caller's sight,
/// check the caller may change it and the version, apply the change, and save it with its audit entries and events in
/// one transaction (a refused booking and a concurrent change each answered as such).
/// </summary>
public sealed class ActivityChangeFlow(ActivityDbContext db, ActivityAccess access, ActivityPlanning planning, TimeProvider clock)
{
    public delegate Task Change(Activity activity, CallerScope caller, Actor by, DateTimeOffset now, CancellationToken ct);

    /// <summary>A change whose answer is something of the activity (an invitation, say) rather than the activity.</summary>
    public delegate Task<T> Change<T>(Activity activity, CallerScope caller, Actor by, DateTimeOffset now, CancellationToken ct);

    public async Task<C.Activity> ChangeAsync(ServerCallContext context, string id, long expectedVersion, FieldErrors errors, Change change)
    {
        var activity = await ChangeAsync(context, id, expectedVersion, errors, async (activity, caller, by, now, ct) =>
        {
            await change(activity, caller, by, now, ct);
            return activity;
        });
        var type = await db.ActivityTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == activity.TypeId, context.CancellationToken);
        return activity.ToContract(type, canChange: true);
    }

    /// <param name="idField">The request's field that names the activity (id, or activityId on its parts).</param>
    public async Task<T> ChangeAsync<T>(ServerCallContext context, string id, long expectedVersion, FieldErrors errors, Change<T> change, string idField = "id")
    {
        var caller = CallerScope.From(context);
        errors.Id(idField, id).ThrowIfAny();
        var ct = context.CancellationToken;
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(id), track: true, ct);
        ActivityAccess.EnsureMayChange(caller, activity);
        Requests.EnsureExpectedVersion(expectedVersion, activity.Version, "activity");
        var now = clock.GetUtcNow().ToUniversalTime();
        T result;
        try
        {
            result = await change(activity, caller, new Actor(caller.UserId ?? "unknown", caller.Role), now, ct);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        db.AddRange(activity.Changes);
        try
        {
            await planning.SaveBookingAsync(() => db.SaveChangesAsync(ct));
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale("activity");
        }
        return result;
    }
}
