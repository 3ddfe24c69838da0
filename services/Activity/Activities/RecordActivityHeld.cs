using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>Records a planned activity as held, once it has started, with its outcome notes; <c>ActivityHeld</c>.</summary>
public sealed class RecordActivityHeld(ActivityDbContext db, ActivityChangeFlow flow)
{
    public Task<C.Activity> HandleAsync(C.RecordActivityHeldRequest request, ServerCallContext context) =>
        flow.ChangeAsync(context, request.Id, request.ExpectedVersion,
            new FieldErrors().Optional("outcomeNotes", request.OutcomeNotes, Activity.MaxOutcomeLength),
            (activity, _, by, now, _) =>
            {
                activity.RecordHeld(request.OutcomeNotes, by, now);
                db.AddIntegrationEvent(ActivityMapping.Held(activity, now));
                return Task.CompletedTask;
            });
}
