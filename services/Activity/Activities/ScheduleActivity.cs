using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>
/// Schedules an activity: the plan checked with the organization service, the venue booked, and in one SaveChanges the
/// activity, its hosts, its first audit entry, the client request id and <c>ActivityScheduled</c>.
/// </summary>
public sealed class ScheduleActivity(ActivityDbContext db, ActivityPlanning planning, TimeProvider clock)
{
    public async Task<C.Activity> HandleAsync(C.ScheduleActivityRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        caller.EnsureMayPlan("schedule an activity");
        var ct = context.CancellationToken;
        var requestKey = ClientRequests.KeyFor("schedule-activity", caller.TenantId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await LoadAsync(earlier, ct);

        var plan = await planning.PlanAsync(caller, request.Details, ct);
        await planning.EnsureVenueFreeAsync(plan, self: null, ct);
        var now = clock.GetUtcNow().ToUniversalTime();
        Activity activity;
        try
        {
            activity = Activity.Schedule(plan, new Actor(caller.UserId ?? "unknown", caller.Role), now);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        db.Add(activity);
        db.AddRange(activity.Changes);
        db.RememberClientRequest(requestKey, activity.Id, now);
        db.AddIntegrationEvent(ActivityMapping.Scheduled(activity, now));
        Guid? winner = null;
        await planning.SaveBookingAsync(async () => winner = await db.SaveCreateAsync(requestKey, ct));
        if (winner is { } id) return await LoadAsync(id, ct);
        return activity.ToContract(plan.Type, canChange: true);
    }

    async Task<C.Activity> LoadAsync(Guid id, CancellationToken ct)
    {
        var activity = await db.Activities.AsNoTracking().Include(a => a.Hosts).SingleAsync(a => a.Id == id, ct);
        var type = await db.ActivityTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == activity.TypeId, ct);
        return activity.ToContract(type, canChange: true);
    }
}
