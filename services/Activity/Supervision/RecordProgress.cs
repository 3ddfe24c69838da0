using Alliance.Activity.Common;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>A progress update by the owner unit: evidence (text, links, attachment ids) and the milestones it reaches.</summary>
public sealed class RecordProgress(DecisionItemChangeFlow flow)
{
    public Task<C.DecisionItem> HandleAsync(C.RecordProgressRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Required("note", request.Note, DecisionItem.MaxNoteLength);
        var evidence = SupervisionEvidence.Read(errors, request.Note, request.Links, request.AttachmentIds);
        return flow.ChangeAsync(context, request.Id, request.ExpectedVersion, errors, MeetingAccess.EnsureMayActForOwner,
            (item, by, now, days) => item.RecordProgress(evidence, request.MilestonesReached.Distinct().ToList(), days, by, now));
    }
}
