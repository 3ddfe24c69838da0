using Alliance.Activity.Common;
using Grpc.Core;
using Alliance.ServiceDefaults.Validation;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>Revises a held activity's outcome notes (no event: what is counted does not change).</summary>
public sealed class ReviseActivityOutcome(ActivityChangeFlow flow)
{
    public Task<C.Activity> HandleAsync(C.ReviseActivityOutcomeRequest request, ServerCallContext context) =>
        flow.ChangeAsync(context, request.Id, request.ExpectedVersion,
            new FieldErrors().Optional("outcomeNotes", request.OutcomeNotes, Activity.MaxOutcomeLength),
            (activity, _, by, now, _) =>
            {
                activity.ReviseOutcome(request.OutcomeNotes, by, now);
                return Task.CompletedTask;
            });
}
