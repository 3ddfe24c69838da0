using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>Cancels a planned activity with a reason, releasing its service center booking; <c>ActivityCancelled</c>.</summary>
public sealed class CancelActivity(ActivityDbContext db, ActivityChangeFlow flow)
{
    public Task<C.Activity> HandleAsync(C.CancelActivityRequest request, ServerCallContext context) =>
        flow.ChangeAsync(context, request.Id, request.ExpectedVersion,
            new FieldErrors().Required("reason", request.Reason, Activity.MaxReasonLength),
            (activity, _, by, now, _) =>
            {
                activity.Cancel(request.Reason, by, now);
                db.AddIntegrationEvent(ActivityMapping.Cancelled(activity, now));
                return Task.CompletedTask;
            });
}
