using Alliance.Activity.Common;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>The owner unit claims the item done, with its evidence.</summary>
public sealed class ClaimDone(DecisionItemChangeFlow flow)
{
    public Task<C.DecisionItem> HandleAsync(C.ClaimDoneRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Required("note", request.Note, DecisionItem.MaxNoteLength);
        var evidence = SupervisionEvidence.Read(errors, request.Note, request.Links, request.AttachmentIds);
        return flow.ChangeAsync(context, request.Id, request.ExpectedVersion, errors, MeetingAccess.EnsureMayActForOwner,
            (item, by, now, days) => item.ClaimDone(evidence, days, by, now));
    }
}
