using Alliance.Activity.Activities;
using Alliance.Activity.Attachments;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>
/// Follows an accepted match to its outcome: the outcome in words and its evidence (an activity held for it that the caller
/// sees, attachments of that activity, links); the problem is resolved, with <c>ProblemStateChanged</c>.
/// </summary>
public sealed class ResolveMatch(ListAccess access, ListChangeFlow flow, Data.ActivityDbContext db, ActivityAccess activities)
{
    public async Task<C.ResourceMatch> HandleAsync(C.ResolveMatchRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id).Required("outcome", request.Outcome, ResourceMatch.MaxOutcomeLength)
            .Id("evidenceActivityId", request.EvidenceActivityId, required: false);
        if (request.EvidenceLinks.Count > ResourceMatch.MaxLinks) errors.Add("evidenceLinks", $"must be at most {ResourceMatch.MaxLinks}.");
        for (var i = 0; i < request.EvidenceLinks.Count; i++)
            if (!Uri.TryCreate(request.EvidenceLinks[i].Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || request.EvidenceLinks[i].Length > ResourceMatch.MaxLinkLength)
                errors.Add($"evidenceLinks[{i}]", $"must be an http(s) address of at most {ResourceMatch.MaxLinkLength} characters.");
        if (request.EvidenceAttachmentIds.Count > ResourceMatch.MaxAttachments) errors.Add("evidenceAttachmentIds", $"must be at most {ResourceMatch.MaxAttachments}.");
        for (var i = 0; i < request.EvidenceAttachmentIds.Count; i++) errors.Id($"evidenceAttachmentIds[{i}]", request.EvidenceAttachmentIds[i]);
        if (request.EvidenceAttachmentIds.Count > 0 && request.EvidenceActivityId.Length == 0)
            errors.Add("evidenceActivityId", "is required with attachments: they are the activity's.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var (match, problem, offer) = await MatchDecisions.FindAsync(db, access, caller, Guid.Parse(request.Id), track: true, ct);
        ListAccess.EnsureMayDecide(caller, await access.PartnerAsync(caller, ct), problem, offer);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, match.Version, "match");
        Guid? activityId = null;
        var attachments = request.EvidenceAttachmentIds.Select(Guid.Parse).Distinct().ToList();
        if (request.EvidenceActivityId.Length > 0)
        {
            try
            {
                activityId = (await activities.FindVisibleAsync(caller, Guid.Parse(request.EvidenceActivityId), track: false, ct)).Id;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied)
            {
                throw FieldErrors.Single("evidenceActivityId", "names no activity you can see.", StatusCode.NotFound);
            }
            var found = await db.Set<ActivityAttachment>().AsNoTracking().Where(a => a.ActivityId == activityId && a.DeletedAt == null && attachments.Contains(a.Id)).CountAsync(ct);
            if (found != attachments.Count)
                throw FieldErrors.Single("evidenceAttachmentIds", "names an attachment that is not the activity's.", StatusCode.NotFound);
        }
        await flow.ChangeAsync("match", () =>
        {
            var now = flow.Now();
            var from = problem.State;
            match.Resolve(problem, request.Outcome, activityId, attachments, request.EvidenceLinks.Select(l => l.Trim()).ToList(),
                ListChangeFlow.ActorOf(caller), now);
            db.AddRange(problem.Changes);
            db.AddIntegrationEvent(ListMapping.StateChanged(problem, from, now));
        }, ct);
        return match.ToContract(problem, offer, canDecide: true);
    }
}
