using Alliance.Activity.Common;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>The supervising unit verifies a claimed item: closed.</summary>
public sealed class VerifyDecisionItem(DecisionItemChangeFlow flow)
{
    public Task<C.DecisionItem> HandleAsync(C.VerifyDecisionItemRequest request, ServerCallContext context) =>
        flow.ChangeAsync(context, request.Id, request.ExpectedVersion,
            new FieldErrors().Optional("note", request.Note, DecisionItem.MaxNoteLength), MeetingAccess.EnsureMayActForSupervisor,
            (item, by, now, _) => item.Verify(request.Note, by, now));
}
