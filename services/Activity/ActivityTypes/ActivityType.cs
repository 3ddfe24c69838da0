using System.Text.RegularExpressions;
using Alliance.Activity.Common;
using Grpc.Core;

namespace Alliance.Activity.ActivityTypes;

/// <summary>
/// A kind of joint activity (联学, 共同过党日, ...), under one of the six joint measures. One catalogue for the group:
/// twelve are built in (<see cref="BuiltIn"/>), group administrators add more and may retire any; an activity keeps the
/// measure its type had when it was scheduled or last revised, so revising a type's measure re-counts nothing held.
/// </summary>
public sealed partial class ActivityType
{
    public const int MaxCodeLength = 50;
    public const int MaxNameLength = 50;

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string NameZh { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public JointMeasure Measure { get; private set; }
    public bool Retired { get; private set; }
    public bool IsBuiltIn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    private ActivityType() { }

    /// <summary>The types every group starts with (issue 18: seven joint ones, five of organization life), with fixed ids so a migration seeds them once.</summary>
    public static IReadOnlyList<ActivityType> BuiltIn { get; } =
    [
        Seed("0199a000-0000-7000-8000-000000000001", "joint-study", "联学", "Joint study", JointMeasure.Study),
        Seed("0199a000-0000-7000-8000-000000000002", "joint-party-day", "共同过党日", "Joint party day", JointMeasure.Organization),
        Seed("0199a000-0000-7000-8000-000000000003", "joint-lesson", "联上党课", "Joint party lesson", JointMeasure.Study),
        Seed("0199a000-0000-7000-8000-000000000004", "visit-exchange", "参观交流", "Visit and exchange", JointMeasure.Work),
        Seed("0199a000-0000-7000-8000-000000000005", "volunteer-service", "志愿服务", "Volunteer service", JointMeasure.Responsibility),
        Seed("0199a000-0000-7000-8000-000000000006", "lecture", "讲座", "Lecture", JointMeasure.Study),
        Seed("0199a000-0000-7000-8000-000000000007", "on-site-meeting", "现场会", "On-site meeting", JointMeasure.Performance),
        // Organization life (三会一课): what the meeting rules count (OrganizationLife/MeetingRule).
        Seed("0199a000-0000-7000-8000-000000000008", "branch-assembly", "支部党员大会", "Branch members' assembly", JointMeasure.Organization),
        Seed("0199a000-0000-7000-8000-000000000009", "branch-committee", "支委会", "Branch committee meeting", JointMeasure.Organization),
        Seed("0199a000-0000-7000-8000-00000000000a", "group-meeting", "党小组会", "Party group meeting", JointMeasure.Organization),
        Seed("0199a000-0000-7000-8000-00000000000b", "party-lesson", "党课", "Party lesson", JointMeasure.Study),
        Seed("0199a000-0000-7000-8000-00000000000c", "committee-meeting", "委员会会议", "Committee meeting", JointMeasure.Organization),
    ];

    static ActivityType Seed(string id, string code, string zh, string en, JointMeasure measure) => new()
    {
        Id = Guid.Parse(id), Code = code, NameZh = zh, NameEn = en, Measure = measure, IsBuiltIn = true,
        CreatedAt = SeededAt, CreatedBy = "system", UpdatedAt = SeededAt, UpdatedBy = "system", Version = 1,
    };

    static readonly DateTimeOffset SeededAt = new(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);

    /// <exception cref="ActivityRuleException">when the code is not lower-case words joined by hyphens, or a name is empty.</exception>
    public static ActivityType Create(string code, string nameZh, string nameEn, JointMeasure measure, string by, DateTimeOffset now)
    {
        code = code.Trim().ToLowerInvariant();
        if (!CodePattern().IsMatch(code) || code.Length > MaxCodeLength)
            throw new ActivityRuleException("code", $"must be lower-case letters and digits in words joined by '-', at most {MaxCodeLength} characters.", StatusCode.InvalidArgument);
        var type = new ActivityType { Id = Guid.CreateVersion7(now), Code = code, CreatedAt = now.ToUniversalTime(), CreatedBy = by, Version = 1 };
        type.Apply(nameZh, nameEn, measure, retired: false, by, now);
        return type;
    }

    public void Revise(string nameZh, string nameEn, JointMeasure measure, bool retired, string by, DateTimeOffset now)
    {
        Apply(nameZh, nameEn, measure, retired, by, now);
        Version++;
    }

    void Apply(string nameZh, string nameEn, JointMeasure measure, bool retired, string by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(nameZh)) throw new ActivityRuleException("nameZh", "is required.", StatusCode.InvalidArgument);
        if (string.IsNullOrWhiteSpace(nameEn)) throw new ActivityRuleException("nameEn", "is required.", StatusCode.InvalidArgument);
        (NameZh, NameEn, Measure, Retired, UpdatedBy, UpdatedAt) = (nameZh.Trim(), nameEn.Trim(), measure, retired, by, now.ToUniversalTime());
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();
}
