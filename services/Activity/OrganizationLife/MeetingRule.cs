using Alliance.ServiceDefaults.Time;
using System.Text.Json;
using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Grpc.Core;

namespace Alliance.Activity.OrganizationLife;

/// <summary>The kinds of party organization that hold organization life (三会一课) by rules: 党委, 党总支, 党支部.</summary>
public enum PartyOrganizationKind { Committee, GeneralBranch, Branch }

public static class PartyOrganizationKinds
{
    public static string Name(this PartyOrganizationKind kind) => kind switch
    {
        PartyOrganizationKind.Committee => "committee",
        PartyOrganizationKind.GeneralBranch => "general-branch",
        _ => "branch",
    };

    public static PartyOrganizationKind? FromName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "committee" => PartyOrganizationKind.Committee,
        "general-branch" => PartyOrganizationKind.GeneralBranch,
        "branch" => PartyOrganizationKind.Branch,
        _ => null,
    };
}

/// <summary>
/// A meeting each organization of a kind must hold every period (三会一课): e.g. a branch's members' assembly quarterly.
/// It is held when an activity of one of <see cref="ActivityTypeIds"/> is recorded as held with the organization as a
/// host, starting within the period. A group rule (no subsidiary) binds every subsidiary; a subsidiary's administrators add
/// rules for their own subsidiary on top. A reminder goes out <see cref="RemindDaysBefore"/> days before the due date.
/// </summary>
public sealed class MeetingRule
{
    public const int MaxNameLength = 100;
    public const int MaxTypes = 10;
    public const int MaxRemindDaysBefore = 90;

    public Guid Id { get; private set; }
    public Guid? SubsidiaryId { get; private set; }
    public PartyOrganizationKind OrganizationKind { get; private set; }
    public string NameZh { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public PeriodLength Period { get; private set; }
    public List<Guid> ActivityTypeIds { get; private set; } = [];
    public int RemindDaysBefore { get; private set; }
    public bool Retired { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    readonly List<MeetingRuleChange> _changes = [];
    /// <summary>The audit entries this instance added.</summary>
    public IReadOnlyList<MeetingRuleChange> Changes => _changes;

    private MeetingRule() { }

    /// <exception cref="ActivityRuleException">when a name is empty, no type counts, or the reminder lead is out of range.</exception>
    public static MeetingRule Create(Guid? subsidiaryId, PartyOrganizationKind kind, string nameZh, string nameEn, PeriodLength period,
        IReadOnlyCollection<Guid> activityTypeIds, int remindDaysBefore, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        var rule = new MeetingRule { Id = Guid.CreateVersion7(now), SubsidiaryId = subsidiaryId, CreatedAt = now, CreatedBy = by.UserName, Version = 1 };
        rule.Apply(kind, nameZh, nameEn, period, activityTypeIds, remindDaysBefore, retired: false, by, now);
        rule._changes.Add(MeetingRuleChange.Of(rule, "created", by, now));
        return rule;
    }

    /// <returns>False when nothing changes (no version, no audit entry).</returns>
    public bool Revise(PartyOrganizationKind kind, string nameZh, string nameEn, PeriodLength period,
        IReadOnlyCollection<Guid> activityTypeIds, int remindDaysBefore, bool retired, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        var before = Snapshot();
        var (updatedAt, updatedBy) = (UpdatedAt, UpdatedBy);
        Apply(kind, nameZh, nameEn, period, activityTypeIds, remindDaysBefore, retired, by, now);
        if (Snapshot() == before)
        {
            (UpdatedAt, UpdatedBy) = (updatedAt, updatedBy);
            return false;
        }
        Version++;
        _changes.Add(MeetingRuleChange.Of(this, "revised", by, now));
        return true;
    }

    void Apply(PartyOrganizationKind kind, string nameZh, string nameEn, PeriodLength period,
        IReadOnlyCollection<Guid> activityTypeIds, int remindDaysBefore, bool retired, Actor by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(nameZh)) throw Invalid("nameZh", "is required.");
        if (string.IsNullOrWhiteSpace(nameEn)) throw Invalid("nameEn", "is required.");
        if (activityTypeIds.Count == 0) throw Invalid("activityTypeIds", "name at least one activity type that counts as holding the meeting.");
        if (activityTypeIds.Count > MaxTypes) throw Invalid("activityTypeIds", $"at most {MaxTypes} activity types.");
        if (remindDaysBefore is < 0 or > MaxRemindDaysBefore) throw Invalid("remindDaysBefore", $"must be between 0 and {MaxRemindDaysBefore} days.");
        OrganizationKind = kind;
        NameZh = nameZh.Trim();
        NameEn = nameEn.Trim();
        Period = period;
        ActivityTypeIds = activityTypeIds.Distinct().Order().ToList();
        RemindDaysBefore = remindDaysBefore;
        Retired = retired;
        UpdatedAt = now;
        UpdatedBy = by.UserName;
    }

    /// <summary>True when the rule binds an organization of <paramref name="kind"/> in <paramref name="subsidiaryId"/>.</summary>
    public bool Binds(PartyOrganizationKind kind, Guid subsidiaryId) =>
        !Retired && OrganizationKind == kind && (SubsidiaryId is null || SubsidiaryId == subsidiaryId);

    internal string Snapshot() => JsonSerializer.Serialize(new
    {
        organizationKind = OrganizationKind.Name(), nameZh = NameZh, nameEn = NameEn, period = Period.Name(),
        activityTypeIds = ActivityTypeIds, remindDaysBefore = RemindDaysBefore, retired = Retired,
    }, JsonSerializerOptions.Web);

    static ActivityRuleException Invalid(string field, string message) => new(field, message, StatusCode.InvalidArgument);
}

/// <summary>An entry of a meeting rule's audit log: the rule as it became, who changed it, when.</summary>
public sealed class MeetingRuleChange : AuditEntry
{
    public Guid RuleId { get; private set; }
    /// <summary>The rule after the change, as JSON (jsonb).</summary>
    public string Rule { get; private set; } = "{}";

    private MeetingRuleChange() { }

    MeetingRuleChange(MeetingRule rule, string kind, Actor by, DateTimeOffset now) : base(kind, rule.Version, by, now) =>
        (RuleId, Rule) = (rule.Id, rule.Snapshot());

    internal static MeetingRuleChange Of(MeetingRule rule, string kind, Actor by, DateTimeOffset now) => new(rule, kind, by, now);
}
