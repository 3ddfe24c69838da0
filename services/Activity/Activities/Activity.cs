using Alliance.Activity.ActivityTypes;
using Alliance.Activity.Common;
using Grpc.Core;

namespace Alliance.Activity.Activities;

public enum ActivityStatus { Planned, Held, Cancelled }

/// <summary>
/// Everything an activity is scheduled or revised with, already checked against the organization service: the type, the
/// hosts with their subsidiaries, the alliance or pairing served, the window and the venue (a booked service center, or
/// an address).
/// </summary>
public sealed record ActivityPlan(
    string Title, ActivityType Type, IReadOnlyList<ActivityHost> Hosts,
    Guid? AllianceId, string? AllianceName, Guid? PairingId, string? PairingTitle, IReadOnlyList<Guid> PairingSubsidiaryIds,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? ServiceCenterId, string? VenueName, string VenueAddress, string? Agenda);

/// <summary>
/// A joint activity (联学, 共同过党日, ...): planned, then held (with its outcome) or cancelled (with a reason). Planned
/// activities are revised whole; held and cancelled are final, except a held one's outcome notes. Every change bumps
/// <see cref="Version"/> and is recorded in <see cref="Changes"/> (who, when, which fields from what to what).
/// </summary>
public sealed class Activity
{
    public const int MaxTitleLength = 200;
    public const int MaxAgendaLength = 4_000;
    public const int MaxOutcomeLength = 8_000;
    public const int MaxAddressLength = 200;
    public const int MaxReasonLength = 500;
    public const int MaxHosts = 20;

    readonly List<ActivityHost> _hosts = [];
    readonly List<ActivityChange> _changes = [];

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public Guid TypeId { get; private set; }
    public string TypeCode { get; private set; } = "";
    public JointMeasure Measure { get; private set; }
    public IReadOnlyList<ActivityHost> Hosts => _hosts;
    public Guid? AllianceId { get; private set; }
    public string? AllianceName { get; private set; }
    public Guid? PairingId { get; private set; }
    public string? PairingTitle { get; private set; }
    /// <summary>The hosts' subsidiaries and a pairing's: who sees it whatever alliance they take part in.</summary>
    public List<Guid> VisibleSubsidiaryIds { get; private set; } = [];
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public Guid? ServiceCenterId { get; private set; }
    public string? VenueName { get; private set; }
    public string VenueAddress { get; private set; } = "";
    public string? Agenda { get; private set; }
    public string? OutcomeNotes { get; private set; }
    public ActivityStatus Status { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTimeOffset? HeldAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    /// <summary>The first internal host's subsidiary when scheduled: the tenant of its events.</summary>
    public Guid SubsidiaryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    /// <summary>The audit entries this instance added (not loaded from the database).</summary>
    public IReadOnlyList<ActivityChange> Changes => _changes;

    private Activity() { }

    /// <exception cref="ActivityRuleException">when the plan breaks a rule (window, hosts, title).</exception>
    public static Activity Schedule(ActivityPlan plan, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime(); // PostgreSQL's timestamptz takes UTC offsets only
        var activity = new Activity { Id = Guid.CreateVersion7(now), Status = ActivityStatus.Planned, CreatedAt = now, CreatedBy = by.UserName };
        activity.Apply(plan, now);
        activity.SubsidiaryId = plan.Hosts.First(h => !h.External).SubsidiaryId!.Value;
        activity.Touch("scheduled", new Dictionary<string, string>(), by, now);
        return activity;
    }

    /// <returns>False when the plan changes nothing (no version, no audit entry).</returns>
    /// <exception cref="ActivityRuleException">when not planned, or the plan breaks a rule.</exception>
    public bool Revise(ActivityPlan plan, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        EnsureStatus(ActivityStatus.Planned, "revised");
        var before = Describe();
        Apply(plan, now);
        return Touch("revised", before, by, now);
    }

    /// <exception cref="ActivityRuleException">when not planned, or it has not started yet.</exception>
    public void RecordHeld(string? outcomeNotes, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        EnsureStatus(ActivityStatus.Planned, "recorded as held");
        if (now < StartsAt)
            throw new ActivityRuleException("status", $"The activity can be recorded as held once it has started ({ActivityTimes.Format(StartsAt)}).");
        var before = Describe();
        Status = ActivityStatus.Held;
        HeldAt = now;
        OutcomeNotes = Requests.Blank(outcomeNotes);
        Touch("held", before, by, now);
    }

    /// <exception cref="ActivityRuleException">when not held.</exception>
    public bool ReviseOutcome(string? outcomeNotes, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (Status != ActivityStatus.Held) throw new ActivityRuleException("status", "Only a held activity has outcome notes to revise.");
        var before = Describe();
        OutcomeNotes = Requests.Blank(outcomeNotes);
        return Touch("outcome-revised", before, by, now);
    }

    /// <summary>Cancels a planned activity; its service center booking is released (the exclusion constraint ignores cancelled rows).</summary>
    /// <exception cref="ActivityRuleException">when not planned, or without a reason.</exception>
    public void Cancel(string reason, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        EnsureStatus(ActivityStatus.Planned, "cancelled");
        if (string.IsNullOrWhiteSpace(reason)) throw new ActivityRuleException("reason", "is required.", StatusCode.InvalidArgument);
        var before = Describe();
        Status = ActivityStatus.Cancelled;
        CancelledAt = now;
        CancelReason = reason.Trim();
        Touch("cancelled", before, by, now);
    }

    /// <summary>
    /// Records a change of who is invited in the audit log with a new version (the activity's own fields stay as they are),
    /// so invitations are audited like every other change and two at once are told apart by the version.
    /// </summary>
    /// <exception cref="ActivityRuleException">when the activity is cancelled.</exception>
    public void RecordInvitationChange(string kind, FieldChange change, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (Status == ActivityStatus.Cancelled) throw new ActivityRuleException("activityId", "The activity is cancelled: its invitations no longer change.");
        Version++;
        UpdatedAt = now;
        UpdatedBy = by.UserName;
        _changes.Add(ActivityChange.Of(this, kind, [change], by, now));
    }

    public bool IsHostedBy(Guid subsidiaryId) => _hosts.Any(h => h.SubsidiaryId == subsidiaryId);

    void Apply(ActivityPlan plan, DateTimeOffset now)
    {
        var title = plan.Title.Trim();
        if (title.Length == 0) throw new ActivityRuleException("title", "is required.", StatusCode.InvalidArgument);
        ActivityTimes.Ensure(plan.StartsAt, plan.EndsAt, now);
        if (plan.Hosts.Count == 0) throw new ActivityRuleException("hosts", "must name at least one host.", StatusCode.InvalidArgument);
        if (plan.Hosts.Count > MaxHosts) throw new ActivityRuleException("hosts", $"must name at most {MaxHosts} hosts.", StatusCode.InvalidArgument);
        for (var i = 1; i < plan.Hosts.Count; i++)
            if (plan.Hosts.Take(i).Any(h => h.SameAs(plan.Hosts[i])))
                throw new ActivityRuleException($"hosts[{i}]", "names a host twice.", StatusCode.InvalidArgument);
        if (plan.Hosts.All(h => h.External))
            throw new ActivityRuleException("hosts", "must include a party organization of the group.", StatusCode.InvalidArgument);
        if (plan.AllianceId is not null && plan.PairingId is not null)
            throw new ActivityRuleException("pairingId", "An activity serves an alliance or a pairing, not both.", StatusCode.InvalidArgument);
        if (plan.Type.Retired && plan.Type.Id != TypeId)
            throw new ActivityRuleException("typeId", "The activity type is retired and takes no new activities.");

        Title = title;
        TypeId = plan.Type.Id;
        TypeCode = plan.Type.Code;
        Measure = plan.Type.Measure;
        if (_hosts.Count != plan.Hosts.Count || _hosts.Zip(plan.Hosts).Any(p => !p.First.SameAs(p.Second) || p.First.Name != p.Second.Name))
        {
            _hosts.Clear();
            _hosts.AddRange(plan.Hosts.Select((h, i) => h.At(Id, i)));
        }
        (AllianceId, AllianceName) = (plan.AllianceId, plan.AllianceId is null ? null : plan.AllianceName);
        (PairingId, PairingTitle) = (plan.PairingId, plan.PairingId is null ? null : plan.PairingTitle);
        VisibleSubsidiaryIds = [.. plan.Hosts.Where(h => h.SubsidiaryId is not null).Select(h => h.SubsidiaryId!.Value)
            .Concat(plan.PairingSubsidiaryIds).Distinct().Order()];
        (StartsAt, EndsAt) = (plan.StartsAt.ToUniversalTime(), plan.EndsAt.ToUniversalTime());
        (ServiceCenterId, VenueName, VenueAddress) = (plan.ServiceCenterId, plan.ServiceCenterId is null ? null : plan.VenueName, plan.VenueAddress.Trim());
        Agenda = Requests.Blank(plan.Agenda);
    }

    void EnsureStatus(ActivityStatus required, string what)
    {
        if (Status != required)
            throw new ActivityRuleException("status", $"The activity is {Status.ToString().ToLowerInvariant()} and can no longer be {what}.");
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
        _changes.Add(ActivityChange.Of(this, kind, changed, by, now));
        return true;
    }

    /// <summary>The audited fields as text, as a person reads them.</summary>
    IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["title"] = Title,
        ["type"] = TypeCode,
        ["measure"] = TypeCode.Length == 0 ? "" : Measure.Name(),
        ["hosts"] = string.Join("、", _hosts.OrderBy(h => h.Position).Select(h => h.Name)),
        ["alliance"] = AllianceName ?? "",
        ["pairing"] = PairingTitle ?? "",
        ["startsAt"] = StartsAt == default ? "" : ActivityTimes.Format(StartsAt),
        ["endsAt"] = EndsAt == default ? "" : ActivityTimes.Format(EndsAt),
        ["venue"] = VenueName is null ? VenueAddress : $"{VenueName} ({VenueAddress})",
        ["agenda"] = Agenda ?? "",
        ["outcomeNotes"] = OutcomeNotes ?? "",
        ["status"] = Id == Guid.Empty ? "" : Status.ToString().ToLowerInvariant(),
        ["cancelReason"] = CancelReason ?? "",
    };
}

