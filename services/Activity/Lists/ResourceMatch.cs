using System.Text.Json;

namespace Alliance.Activity.Lists;

/// <summary>
/// A match (对接) of a problem with a resource offer: proposed with its score and the score's parts as explained then,
/// accepted (the problem is matched, the offer's capacity taken) or declined with a reason, and an accepted match
/// followed to resolved with the outcome and its evidence (an activity held for it, that activity's attachments, links),
/// which resolves the problem. Who did each step and when is kept on the match.
/// </summary>
public sealed class ResourceMatch
{
    public const int MaxNoteLength = 1_000;
    public const int MaxReasonLength = 500;
    public const int MaxOutcomeLength = 4_000;
    public const int MaxLinks = 10;
    public const int MaxLinkLength = 500;
    public const int MaxAttachments = 20;

    public Guid Id { get; private set; }
    public Guid ProblemId { get; private set; }
    public Guid OfferId { get; private set; }
    public Guid AllianceId { get; private set; }
    public MatchState State { get; private set; }
    public double Score { get; private set; }
    public string PartsJson { get; private set; } = "[]";
    public string? Note { get; private set; }
    public string? DeclineReason { get; private set; }
    public string? Outcome { get; private set; }
    public Guid? EvidenceActivityId { get; private set; }
    public List<Guid> EvidenceAttachmentIds { get; private set; } = [];
    public List<string> EvidenceLinks { get; private set; } = [];
    public DateTimeOffset ProposedAt { get; private set; }
    public string ProposedBy { get; private set; } = "";
    public string ProposedByRole { get; private set; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public long Version { get; private set; }

    public IReadOnlyList<ScorePart> Parts => JsonSerializer.Deserialize<List<ScorePart>>(PartsJson, JsonSerializerOptions.Web) ?? [];

    private ResourceMatch() { }

    public static ResourceMatch Propose(Problem problem, ResourceOffer offer, MatchScore score, string? note, Actor by, DateTimeOffset now)
    {
        if (problem.State != ProblemState.Open)
            throw new ActivityRuleException("problemId", $"Matches are proposed for an open problem; it is {ListVocabulary.Name(problem.State)}.");
        if (offer.State != OfferState.Available)
            throw new ActivityRuleException("offerId", $"The offer is {ListVocabulary.Name(offer.State)}.");
        if (score.Total <= 0)
            throw new ActivityRuleException("offerId", "The offer's kind does not answer the problem's category.");
        now = now.ToUniversalTime();
        return new ResourceMatch
        {
            Id = Guid.CreateVersion7(now), ProblemId = problem.Id, OfferId = offer.Id, AllianceId = problem.AllianceId,
            State = MatchState.Proposed, Score = score.Total, PartsJson = JsonSerializer.Serialize(score.Parts, JsonSerializerOptions.Web),
            Note = Requests.Blank(note), ProposedAt = now, ProposedBy = by.UserName, ProposedByRole = by.Role, Version = 1,
        };
    }

    /// <summary>Accepted: the problem is matched and the offer's capacity taken.</summary>
    public void Accept(Problem problem, ResourceOffer offer, Actor by, DateTimeOffset now)
    {
        EnsureProposed();
        problem.Matched(Id, by, now);
        offer.Take(by, now);
        Decide(MatchState.Accepted, by, now);
    }

    public void Decline(string reason, Actor by, DateTimeOffset now)
    {
        EnsureProposed();
        DeclineReason = reason.Trim();
        Decide(MatchState.Declined, by, now);
    }

    public void Resolve(Problem problem, string outcome, Guid? activityId, IReadOnlyList<Guid> attachments, IReadOnlyList<string> links, Actor by, DateTimeOffset now)
    {
        if (State != MatchState.Accepted)
            throw new ActivityRuleException("state", $"Only an accepted match is resolved; it is {ListVocabulary.Name(State)}.");
        now = now.ToUniversalTime();
        problem.Resolve(Id, outcome, by, now);
        State = MatchState.Resolved;
        Outcome = outcome.Trim();
        EvidenceActivityId = activityId;
        EvidenceAttachmentIds = [.. attachments];
        EvidenceLinks = [.. links];
        ResolvedAt = now;
        ResolvedBy = by.UserName;
        Version++;
    }

    void EnsureProposed()
    {
        if (State != MatchState.Proposed)
            throw new ActivityRuleException("state", $"The match is already {ListVocabulary.Name(State)}.");
    }

    void Decide(MatchState state, Actor by, DateTimeOffset now)
    {
        State = state;
        DecidedAt = now.ToUniversalTime();
        DecidedBy = by.UserName;
        Version++;
    }
}
