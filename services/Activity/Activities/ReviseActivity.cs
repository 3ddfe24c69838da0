using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>
/// Revises a planned activity whole (title, type, hosts, alliance or pairing, time, venue, agenda): checked as on
/// scheduling, the venue booked again for the new time; <c>ActivityRevised</c> when anything changed.
/// </summary>
public sealed class ReviseActivity(ActivityDbContext db, ActivityChangeFlow flow, ActivityPlanning planning)
{
    public Task<C.Activity> HandleAsync(C.ReviseActivityRequest request, ServerCallContext context) =>
        flow.ChangeAsync(context, request.Id, request.ExpectedVersion, new FieldErrors(), async (activity, caller, by, now, ct) =>
        {
            var plan = await planning.PlanAsync(caller, request.Details, ct);
            await planning.EnsureVenueFreeAsync(plan, activity.Id, ct);
            if (activity.Revise(plan, by, now)) db.AddIntegrationEvent(ActivityMapping.Revised(activity, now));
        });
}
