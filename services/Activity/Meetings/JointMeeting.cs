using System.Text.Json;
using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Grpc.Core;

namespace Alliance.Activity.Meetings;

/// <summary>A member unit of the alliance that attended, as the organization service named it, with the people who came for it.</summary>
public sealed record MeetingAttendee(Guid MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId, string Name, IReadOnlyList<string> People)
{
    public bool External => OrganizationId is null;
}

/// <summary>What a meeting is recorded or revised with, already checked against the organization service.</summary>
public sealed record MeetingPlan(string Title, AllianceFacts Alliance, DateTimeOffset StartsAt, string Place, string? Minutes,
    IReadOnlyList<MeetingAttendee> Attendees, Guid? ActivityId);

/// <summary>
/// A joint meeting (联席会议) of an alliance: units that attended, when and where, the minutes; its decision items are
/// <see cref="Supervision.DecisionItem"/>s. Its own entity with an optional link to the activity it was held as (ADR 34).
/// Who sees it: the subsidiaries of the alliance's lead and of its internal member units when it was recorded, and
/// whoever takes part in the alliance now.
/// </summary>
public sealed class JointMeeting
{
    public const int MaxTitleLength = 200;
    public const int MaxPlaceLength = 200;
    public const int MaxMinutesLength = 20_000;
    public const int MaxAttendees = 60;
    public const int MaxPeoplePerUnit = 30;
    public const int MaxPersonLength = 50;

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public Guid AllianceId { get; private set; }
    public string AllianceName { get; private set; } = "";
    public Guid LeadSubsidiaryId { get; private set; }
    public List<Guid> VisibleSubsidiaryIds { get; private set; } = [];
    public DateTimeOffset StartsAt { get; private set; }
    public string Place { get; private set; } = "";
    public string? Minutes { get; private set; }
    /// <summary>The attendees as JSON (jsonb); read them with <see cref="Attendees"/>.</summary>
    public string AttendeesJson { get; private set; } = "[]";
    public Guid? ActivityId { get; private set; }
    /// <summary>The recording caller's subsidiary (the lead's for a group admin): the tenant of its events.</summary>
    public Guid SubsidiaryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    readonly List<MeetingChange> _changes = [];

    /// <summary>The audit entries this instance added (not loaded from the database).</summary>
    public IReadOnlyList<MeetingChange> Changes => _changes;

    public IReadOnlyList<MeetingAttendee> Attendees =>
        JsonSerializer.Deserialize<List<MeetingAttendee>>(AttendeesJson, JsonSerializerOptions.Web) ?? [];

    private JointMeeting() { }

    /// <exception cref="ActivityRuleException">when the plan breaks a rule.</exception>
    public static JointMeeting Record(MeetingPlan plan, Guid? callerSubsidiary, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        var meeting = new JointMeeting
        {
            Id = Guid.CreateVersion7(now), CreatedAt = now, CreatedBy = by.UserName,
            SubsidiaryId = callerSubsidiary ?? plan.Alliance.LeadSubsidiaryId,
        };
        meeting.Apply(plan);
        meeting.Touch("recorded", new Dictionary<string, string>(), by, now);
        return meeting;
    }

    /// <returns>False when the plan changes nothing (no version, no audit entry).</returns>
    /// <exception cref="ActivityRuleException">when the plan breaks a rule or names another alliance.</exception>
    public bool Revise(MeetingPlan plan, Actor by, DateTimeOffset now)
    {
        if (plan.Alliance.Id != AllianceId)
            throw new ActivityRuleException("allianceId", "A meeting stays with the alliance it was recorded for.", StatusCode.InvalidArgument);
        var before = Describe();
        Apply(plan);
        return Touch("revised", before, by, now.ToUniversalTime());
    }

    void Apply(MeetingPlan plan)
    {
        if (plan.Attendees.Count < 2)
            throw new ActivityRuleException("attendees", "A joint meeting has at least two attending units.", StatusCode.InvalidArgument);
        if (plan.Attendees.Select(a => a.MemberUnitId).Distinct().Count() != plan.Attendees.Count)
            throw new ActivityRuleException("attendees", "names a unit twice.", StatusCode.InvalidArgument);
        Title = plan.Title.Trim();
        AllianceId = plan.Alliance.Id;
        AllianceName = plan.Alliance.Name;
        LeadSubsidiaryId = plan.Alliance.LeadSubsidiaryId;
        VisibleSubsidiaryIds = [.. plan.Alliance.Members.Where(m => m.Current && m.SubsidiaryId is not null).Select(m => m.SubsidiaryId!.Value)
            .Append(plan.Alliance.LeadSubsidiaryId).Distinct().Order()];
        StartsAt = plan.StartsAt.ToUniversalTime();
        Place = plan.Place.Trim();
        Minutes = Requests.Blank(plan.Minutes);
        AttendeesJson = JsonSerializer.Serialize(plan.Attendees, JsonSerializerOptions.Web);
        ActivityId = plan.ActivityId;
    }

    /// <summary>Records what changed since <paramref name="before"/>; false (and nothing recorded) when nothing did.</summary>
    bool Touch(string kind, IReadOnlyDictionary<string, string> before, Actor by, DateTimeOffset now)
    {
        var after = Describe();
        var changed = after.Keys.Union(before.Keys)
            .Where(k => before.GetValueOrDefault(k, "") != after.GetValueOrDefault(k, ""))
            .Select(k => new FieldChange(k, before.GetValueOrDefault(k, ""), after.GetValueOrDefault(k, "")))
            .ToList();
        if (changed.Count == 0 && Version > 0) return false;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by.UserName;
        _changes.Add(MeetingChange.Of(this, kind, changed, by, now));
        return true;
    }

    /// <summary>The audited fields as text, as a person reads them.</summary>
    IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["title"] = Title,
        ["startsAt"] = StartsAt == default ? "" : ActivityTimes.Format(StartsAt),
        ["place"] = Place,
        ["minutes"] = Minutes ?? "",
        ["attendees"] = string.Join("；", Attendees.Select(a => a.People.Count == 0 ? a.Name : $"{a.Name}（{string.Join("、", a.People)}）")),
        ["activityId"] = ActivityId?.ToString() ?? "",
    };

    /// <summary>The subsidiaries whose administrators and secretaries record and change the alliance's meetings.</summary>
    public bool IsKeptBy(Guid subsidiaryId) => VisibleSubsidiaryIds.Contains(subsidiaryId);
}
