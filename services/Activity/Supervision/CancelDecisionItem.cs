using Alliance.Activity.Common;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>The supervising unit cancels an item that is not closed, with a reason.</summary>
public sealed class CancelDecisionItem(DecisionItemChangeFlow flow)
{
    public Task<C.DecisionItem> HandleAsync(C.CancelDecisionItemRequest request, ServerCallContext context) =>
        flow.ChangeAsync(context, request.Id, request.ExpectedVersion,
            new FieldErrors().Required("reason", request.Reason, DecisionItem.MaxReasonLength), MeetingAccess.EnsureMayActForSupervisor,
            (item, by, now, _) => item.Cancel(request.Reason, by, now), request.Reason.Trim());
}
