using Alliance.Activity.Common;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>The supervising unit rejects a claim with a reason: the item is back in progress.</summary>
public sealed class RejectDecisionItem(DecisionItemChangeFlow flow)
{
    public Task<C.DecisionItem> HandleAsync(C.RejectDecisionItemRequest request, ServerCallContext context) =>
        flow.ChangeAsync(context, request.Id, request.ExpectedVersion,
            new FieldErrors().Required("reason", request.Reason, DecisionItem.MaxReasonLength), MeetingAccess.EnsureMayActForSupervisor,
            (item, by, now, days) => item.Reject(request.Reason, days, by, now), request.Reason.Trim());
}
