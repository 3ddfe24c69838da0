using System.Globalization;
using Alliance.ServiceDefaults.Time;
using Grpc.Core;

namespace Alliance.Activity.Lists;

/// <summary>
/// A member unit of an alliance (or, for an offer to the whole group, an organization of the group) that posts to the
/// lists: internal (OrganizationId and SubsidiaryId set) or external (a partner unit).
/// </summary>
public sealed record PostingUnit(Guid? MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId, string Name)
{
    public bool External => OrganizationId is null;
    public string Key => MatchScoring.UnitKey(OrganizationId, Name);
}

/// <summary>What a problem says, already checked at the edge.</summary>
public sealed record ProblemText(string Title, string Need, ProblemCategory Category, ProblemUrgency Urgency, IReadOnlyList<string> Tags, DateOnly? WantedBy);

/// <summary>
/// A problem of the problem list (问题清单): a need a member unit posts for an alliance. Open until a match for it is
/// accepted (matched), then resolved when that match is followed to its outcome; withdrawn by its unit while it is not
/// resolved. Every change is in its audit log (<see cref="ProblemChange"/>).
/// </summary>
public sealed class Problem
{
    public const int MaxTitleLength = 200;
    public const int MaxNeedLength = 4_000;
    public const int MaxTags = 12;
    public const int MaxTagLength = 30;
    public const int MaxReasonLength = 500;
    public const int MaxOutcomeLength = 4_000;

    readonly List<ProblemChange> _changes = [];

    public Guid Id { get; private set; }
    public Guid AllianceId { get; private set; }
    public string AllianceName { get; private set; } = "";
    /// <summary>The alliance's lead and the subsidiaries of its internal member units when posted: whose administrators and secretaries see it.</summary>
    public List<Guid> VisibleSubsidiaryIds { get; private set; } = [];
    public Guid LeadSubsidiaryId { get; private set; }
    public Guid MemberUnitId { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public Guid? SubsidiaryId { get; private set; }
    public string UnitName { get; private set; } = "";
    public string UnitKey { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Need { get; private set; } = "";
    public ProblemCategory Category { get; private set; }
    public ProblemUrgency Urgency { get; private set; }
    public List<string> Tags { get; private set; } = [];
    public DateOnly? WantedBy { get; private set; }
    public ProblemState State { get; private set; }
    public Guid? AcceptedMatchId { get; private set; }
    public string? Outcome { get; private set; }
    public string? WithdrawReason { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    public IReadOnlyList<ProblemChange> Changes => _changes;

    /// <summary>The subsidiary the problem's events are counted for: its unit's, or the alliance lead's for an external unit.</summary>
    public Guid TenantId => SubsidiaryId ?? LeadSubsidiaryId;

    private Problem() { }

    public static Problem Post(Common.AllianceFacts alliance, PostingUnit unit, ProblemText text, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        var problem = new Problem
        {
            Id = Guid.CreateVersion7(now), AllianceId = alliance.Id, AllianceName = alliance.Name, LeadSubsidiaryId = alliance.LeadSubsidiaryId,
            VisibleSubsidiaryIds = ListAccess.SubsidiariesOf(alliance),
            MemberUnitId = unit.MemberUnitId!.Value, OrganizationId = unit.OrganizationId, SubsidiaryId = unit.SubsidiaryId, UnitName = unit.Name,
            UnitKey = unit.Key, State = ProblemState.Open, CreatedAt = now, CreatedBy = by.UserName,
        };
        problem.Apply(text, now);
        problem.Touch("posted", new Dictionary<string, string>(), by, now);
        return problem;
    }

    /// <returns>False when nothing changed.</returns>
    public bool Revise(ProblemText text, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (State is ProblemState.Resolved or ProblemState.Withdrawn)
            throw new ActivityRuleException("state", $"A {ListVocabulary.Name(State)} problem is not changed any more.");
        var before = Describe();
        Apply(text, now);
        return Touch("revised", before, by, now);
    }

    public void Withdraw(string reason, Actor by, DateTimeOffset now)
    {
        if (State is ProblemState.Resolved or ProblemState.Withdrawn)
            throw new ActivityRuleException("state", $"The problem is already {ListVocabulary.Name(State)}.");
        var before = Describe();
        State = ProblemState.Withdrawn;
        WithdrawReason = reason.Trim();
        Touch("withdrawn", before, by, now.ToUniversalTime());
    }

    /// <summary>A match for it was accepted: the problem is matched (one accepted match at a time).</summary>
    public void Matched(Guid matchId, Actor by, DateTimeOffset now)
    {
        if (State != ProblemState.Open)
            throw new ActivityRuleException("state", $"Only an open problem takes a match; it is {ListVocabulary.Name(State)}.");
        var before = Describe();
        State = ProblemState.Matched;
        AcceptedMatchId = matchId;
        Touch("matched", before, by, now.ToUniversalTime());
    }

    /// <summary>Its accepted match was followed to its outcome: the problem is resolved.</summary>
    public void Resolve(Guid matchId, string outcome, Actor by, DateTimeOffset now)
    {
        if (State != ProblemState.Matched || AcceptedMatchId != matchId)
            throw new ActivityRuleException("state", "A problem is resolved through its accepted match.");
        var before = Describe();
        State = ProblemState.Resolved;
        Outcome = outcome.Trim();
        ResolvedAt = now.ToUniversalTime();
        Touch("resolved", before, by, now.ToUniversalTime());
    }

    void Apply(ProblemText text, DateTimeOffset now)
    {
        if (text.WantedBy is { } by && by < GroupCalendar.DayOf(now) && by != WantedBy)
            throw new ActivityRuleException("wantedBy", "must not be in the past.", StatusCode.InvalidArgument);
        Title = text.Title.Trim();
        Need = text.Need.Trim();
        Category = text.Category;
        Urgency = text.Urgency;
        Tags = ListVocabulary.Tags(text.Tags);
        WantedBy = text.WantedBy;
    }

    bool Touch(string kind, IReadOnlyDictionary<string, string> before, Actor by, DateTimeOffset now)
    {
        var after = Describe();
        var changed = after.Keys.Where(k => before.GetValueOrDefault(k, "") != after[k])
            .Select(k => new FieldChange(k, before.GetValueOrDefault(k, ""), after[k])).ToList();
        if (changed.Count == 0 && Version > 0) return false;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by.UserName;
        _changes.Add(ProblemChange.Of(this, kind, changed, by, now));
        return true;
    }

    IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["title"] = Title,
        ["need"] = Need,
        ["category"] = ListVocabulary.Name(Category),
        ["urgency"] = ListVocabulary.Name(Urgency),
        ["tags"] = string.Join(", ", Tags),
        ["wantedBy"] = WantedBy?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        ["state"] = ListVocabulary.Name(State),
        ["outcome"] = Outcome ?? "",
        ["withdrawReason"] = WithdrawReason ?? "",
    };

    public MatchProblem ForMatching() => new(Id, AllianceId, UnitKey, Category, Tags, Title, Need, WantedBy);
}

/// <summary>An entry of a problem's audit log: posted, revised, matched, resolved or withdrawn, with each field's old and new value.</summary>
public sealed class ProblemChange : FieldAuditEntry
{
    public Guid ProblemId { get; private set; }

    private ProblemChange() { }

    ProblemChange(Problem problem, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now)
        : base(kind, problem.Version, changes, by, now) => ProblemId = problem.Id;

    internal static ProblemChange Of(Problem problem, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now) =>
        new(problem, kind, changes, by, now);
}
