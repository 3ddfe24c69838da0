using System.Text.Json;
using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Grpc.Core;

namespace Alliance.Activity.Supervision;

public enum DecisionItemState { Open, InProgress, Done, Verified, Cancelled }

public enum SupervisionColour { Green, Yellow, Red, None }

/// <summary>A dated step of an item's plan; reached when a progress update recorded it.</summary>
public sealed record Milestone(string Title, DateOnly DueOn, DateOnly? ReachedOn);

/// <summary>A member unit of the alliance as the organization service named it (internal: organization and subsidiary set).</summary>
public sealed record UnitRef(Guid MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId, string Name);

/// <summary>What a decision item is recorded with, already checked against its meeting's alliance.</summary>
public sealed record DecisionItemPlan(string Title, string AcceptanceCriteria, UnitRef Owner, string? OwnerPerson, DateOnly DueOn,
    IReadOnlyList<(string Title, DateOnly DueOn)> Milestones, UnitRef Supervisor);

/// <summary>Evidence of a progress update or a claim: text, links and (optional) ids of attachments stored elsewhere.</summary>
public sealed record Evidence(string Note, IReadOnlyList<string> Links, IReadOnlyList<Guid> AttachmentIds);

/// <summary>
/// A decision item (决议事项) of a joint meeting, supervised (督办) until verified or cancelled: open → in progress (first
/// progress) → done (claimed by the owner) → verified (by the supervising unit); a rejected verification takes it back to
/// in progress; the supervising unit may cancel it with a reason while it is not verified. Its colour
/// (<see cref="SupervisionColours"/>) is recomputed every day and on every change; every change, colour change and
/// escalation is appended to its history (<see cref="Entries"/>, rows only ever inserted).
/// </summary>
public sealed class DecisionItem
{
    public const int MaxTitleLength = 200;
    public const int MaxCriteriaLength = 2_000;
    public const int MaxPersonLength = 100;
    public const int MaxNoteLength = 4_000;
    public const int MaxReasonLength = 500;
    public const int MaxMilestones = 20;
    public const int MaxLinks = 10;
    public const int MaxLinkLength = 500;

    readonly List<DecisionItemEntry> _entries = [];

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public string MeetingTitle { get; private set; } = "";
    public Guid AllianceId { get; private set; }
    public string AllianceName { get; private set; } = "";
    public List<Guid> VisibleSubsidiaryIds { get; private set; } = [];
    public string Title { get; private set; } = "";
    public string AcceptanceCriteria { get; private set; } = "";
    public Guid OwnerMemberUnitId { get; private set; }
    public Guid? OwnerOrganizationId { get; private set; }
    public Guid? OwnerSubsidiaryId { get; private set; }
    public string OwnerName { get; private set; } = "";
    public string? OwnerPerson { get; private set; }
    public DateOnly DueOn { get; private set; }
    /// <summary>The plan as JSON (jsonb); read and change it through <see cref="Milestones"/>.</summary>
    public string MilestonesJson { get; private set; } = "[]";
    /// <summary>The earliest milestone not yet reached (null when none is left): an item is behind its plan once this day has passed.</summary>
    public DateOnly? NextMilestoneOn { get; private set; }
    public Guid SupervisorMemberUnitId { get; private set; }
    public Guid? SupervisorSubsidiaryId { get; private set; }
    public string SupervisorName { get; private set; } = "";
    public DecisionItemState State { get; private set; }
    /// <summary>The colour as last computed and recorded (by a change or the daily sweep).</summary>
    public SupervisionColour Colour { get; private set; }
    /// <summary>Set when the current red spell was escalated; cleared when the item leaves red.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }
    public string? ClaimedBy { get; private set; }
    public string? CancelReason { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    /// <summary>The history entries this instance added (not loaded from the database).</summary>
    public IReadOnlyList<DecisionItemEntry> Entries => _entries;

    public IReadOnlyList<Milestone> Milestones => JsonSerializer.Deserialize<List<Milestone>>(MilestonesJson, JsonSerializerOptions.Web) ?? [];

    public bool IsClosed => State is DecisionItemState.Verified or DecisionItemState.Cancelled;

    private DecisionItem() { }

    /// <exception cref="ActivityRuleException">when the plan breaks a rule.</exception>
    public static DecisionItem Record(Meetings.JointMeeting meeting, DecisionItemPlan plan, int dueSoonDays, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        var today = Alliance.ServiceDefaults.Time.GroupCalendar.DayOf(now);
        if (plan.Owner.MemberUnitId == plan.Supervisor.MemberUnitId)
            throw new ActivityRuleException("supervisorMemberUnitId", "The supervising unit must be another unit than the owner.", StatusCode.InvalidArgument);
        if (plan.DueOn < today)
            throw new ActivityRuleException("dueOn", "must not be in the past.", StatusCode.InvalidArgument);
        for (var i = 0; i < plan.Milestones.Count; i++)
        {
            if (plan.Milestones[i].DueOn > plan.DueOn)
                throw new ActivityRuleException($"milestones[{i}].dueOn", "must not be after the item's due date.", StatusCode.InvalidArgument);
            if (i > 0 && plan.Milestones[i].DueOn < plan.Milestones[i - 1].DueOn)
                throw new ActivityRuleException($"milestones[{i}].dueOn", "must not be before the previous milestone.", StatusCode.InvalidArgument);
        }
        var item = new DecisionItem
        {
            Id = Guid.CreateVersion7(now), MeetingId = meeting.Id, MeetingTitle = meeting.Title, AllianceId = meeting.AllianceId,
            AllianceName = meeting.AllianceName, VisibleSubsidiaryIds = [.. meeting.VisibleSubsidiaryIds], SubsidiaryId = meeting.SubsidiaryId,
            Title = plan.Title.Trim(), AcceptanceCriteria = plan.AcceptanceCriteria.Trim(),
            OwnerMemberUnitId = plan.Owner.MemberUnitId, OwnerOrganizationId = plan.Owner.OrganizationId,
            OwnerSubsidiaryId = plan.Owner.SubsidiaryId, OwnerName = plan.Owner.Name, OwnerPerson = Requests.Blank(plan.OwnerPerson),
            DueOn = plan.DueOn,
            MilestonesJson = JsonSerializer.Serialize(plan.Milestones.Select(m => new Milestone(m.Title.Trim(), m.DueOn, null)).ToList(), JsonSerializerOptions.Web),
            SupervisorMemberUnitId = plan.Supervisor.MemberUnitId, SupervisorSubsidiaryId = plan.Supervisor.SubsidiaryId,
            SupervisorName = plan.Supervisor.Name,
            State = DecisionItemState.Open, CreatedAt = now, CreatedBy = by.UserName,
        };
        item.NextMilestoneOn = item.Milestones.Where(m => m.ReachedOn is null).Min(m => (DateOnly?)m.DueOn);
        item.Colour = SupervisionColours.Of(item, today, dueSoonDays);
        item.Append("recorded", DecisionItemState.Open, SupervisionColour.None, null, by, now);
        return item;
    }

    /// <summary>A progress update by the owner: evidence, milestones it reaches; the first takes an open item in progress.</summary>
    public void RecordProgress(Evidence evidence, IReadOnlyCollection<int> milestonesReached, int dueSoonDays, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (State is not (DecisionItemState.Open or DecisionItemState.InProgress))
            throw Refused($"Progress is recorded while an item is open or in progress; it is {StateName(State)}.");
        var milestones = Milestones.ToList();
        foreach (var index in milestonesReached)
        {
            if (index < 0 || index >= milestones.Count)
                throw new ActivityRuleException("milestonesReached", $"names no milestone {index}.", StatusCode.InvalidArgument);
            if (milestones[index].ReachedOn is null) milestones[index] = milestones[index] with { ReachedOn = Alliance.ServiceDefaults.Time.GroupCalendar.DayOf(now) };
        }
        MilestonesJson = JsonSerializer.Serialize(milestones, JsonSerializerOptions.Web);
        NextMilestoneOn = milestones.Where(m => m.ReachedOn is null).Min(m => (DateOnly?)m.DueOn);
        var from = State;
        State = DecisionItemState.InProgress;
        Append("progress", from, Colour, evidence, by, now);
        Recolour(dueSoonDays, by, now);
    }

    /// <summary>The owner claims the item done, with its evidence; it then waits for the supervising unit's verification.</summary>
    public void ClaimDone(Evidence evidence, int dueSoonDays, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (State is not (DecisionItemState.Open or DecisionItemState.InProgress))
            throw Refused($"Only an open or in-progress item can be claimed done; it is {StateName(State)}.");
        var from = State;
        State = DecisionItemState.Done;
        ClaimedBy = by.UserName;
        Append("claimed", from, Colour, evidence, by, now);
        Recolour(dueSoonDays, by, now);
    }

    /// <summary>The supervising unit verifies a claimed item: it is closed. Not by whoever claimed it.</summary>
    public void Verify(string? note, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (State != DecisionItemState.Done)
            throw Refused(State == DecisionItemState.Verified ? "The item is already verified."
                : $"An item is verified only after its owner claimed it done; it is {StateName(State)}.");
        if (ClaimedBy == by.UserName) throw Refused("Whoever claimed an item done cannot verify it too.");
        var from = State;
        State = DecisionItemState.Verified;
        Append("verified", from, Colour, Requests.Blank(note) is { } n ? new Evidence(n, [], []) : null, by, now);
        Close(by, now);
    }

    /// <summary>The supervising unit rejects a claim with a reason: the item is back in progress.</summary>
    public void Reject(string reason, int dueSoonDays, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (State != DecisionItemState.Done)
            throw Refused($"Only a claimed item can be rejected; it is {StateName(State)}.");
        var from = State;
        State = DecisionItemState.InProgress;
        ClaimedBy = null;
        Append("rejected", from, Colour, new Evidence(reason.Trim(), [], []), by, now);
        Recolour(dueSoonDays, by, now);
    }

    /// <summary>The supervising unit cancels an item that is not closed, with a reason.</summary>
    public void Cancel(string reason, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (IsClosed) throw Refused($"The item is already {StateName(State)}.");
        var from = State;
        State = DecisionItemState.Cancelled;
        CancelReason = reason.Trim();
        Append("cancelled", from, Colour, new Evidence(CancelReason, [], []), by, now);
        Close(by, now);
    }

    /// <summary>
    /// Recomputes the colour for <paramref name="now"/>'s day and records a change in the history. Returns whether the
    /// colour changed. Leaving red ends the red spell (a later red escalates again).
    /// </summary>
    public bool Recolour(int dueSoonDays, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        var colour = SupervisionColours.Of(this, Alliance.ServiceDefaults.Time.GroupCalendar.DayOf(now), dueSoonDays);
        if (colour == Colour) return false;
        var from = Colour;
        Colour = colour;
        if (colour != SupervisionColour.Red) EscalatedAt = null;
        Append("colour", State, from, null, by, now);
        return true;
    }

    /// <summary>Whether this red spell still waits for its escalation.</summary>
    public bool AwaitsEscalation => Colour == SupervisionColour.Red && EscalatedAt is null && !IsClosed;

    /// <summary>Records the escalation of this red spell to the alliance's rotating secretary (named, or none scheduled).</summary>
    public void Escalate(string secretaryName, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (!AwaitsEscalation) throw Refused("Only a red item not yet escalated in this red spell is escalated.");
        EscalatedAt = now;
        Append("escalated", State, Colour, new Evidence(secretaryName, [], []), by, now);
    }

    void Close(Actor by, DateTimeOffset now)
    {
        var from = Colour;
        Colour = SupervisionColour.None;
        EscalatedAt = null;
        if (from != Colour) Append("colour", State, from, null, by, now);
    }

    void Append(string kind, DecisionItemState fromState, SupervisionColour fromColour, Evidence? evidence, Actor by, DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        UpdatedBy = by.UserName;
        _entries.Add(DecisionItemEntry.Of(this, kind, fromState, fromColour, evidence, by, now));
    }

    static ActivityRuleException Refused(string message) => new("state", message);

    public static string StateName(DecisionItemState state) => state switch
    {
        DecisionItemState.Open => "open",
        DecisionItemState.InProgress => "in-progress",
        DecisionItemState.Done => "done",
        DecisionItemState.Verified => "verified",
        _ => "cancelled",
    };

    public static string ColourName(SupervisionColour colour) => colour.ToString().ToLowerInvariant();
}

/// <summary>
/// The colour rules: red once the due date has passed and the item is not verified; yellow when it is due within
/// <c>dueSoonDays</c> days or behind its plan (a milestone's date passed without a progress update reaching it); green
/// otherwise; none when verified or cancelled.
/// </summary>
public static class SupervisionColours
{
    public const int DefaultDueSoonDays = 7;

    public static SupervisionColour Of(DecisionItem item, DateOnly today, int dueSoonDays)
    {
        if (item.IsClosed) return SupervisionColour.None;
        if (today > item.DueOn) return SupervisionColour.Red;
        if (item.DueOn.DayNumber - today.DayNumber <= dueSoonDays || IsBehindPlan(item, today)) return SupervisionColour.Yellow;
        return SupervisionColour.Green;
    }

    public static bool IsBehindPlan(DecisionItem item, DateOnly today) => !item.IsClosed && item.NextMilestoneOn < today;

    /// <summary>
    /// The same rules as <see cref="Of"/> as a rank the database computes (0 red, 1 yellow, 2 green, 3 none), so the board
    /// filters, sorts and counts by today's colour even when the daily sweep has not run yet.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<DecisionItem, int>> Rank(DateOnly today, int dueSoonDays,
        IReadOnlyDictionary<Guid, int>? allianceSettings = null)
    {
        System.Linq.Expressions.Expression<Func<DecisionItem, int>> rank = i =>
            i.State == DecisionItemState.Verified || i.State == DecisionItemState.Cancelled ? 3
            : i.DueOn < today ? 0
            : i.DueOn <= SoonPlaceholder || i.NextMilestoneOn < today ? 1
            : 2;
        // "Soon" is the group's day unless the item's alliance has a setting of its own: a CASE over those few alliances.
        var item = rank.Parameters[0];
        System.Linq.Expressions.Expression soon = System.Linq.Expressions.Expression.Constant(today.AddDays(dueSoonDays));
        foreach (var (allianceId, days) in allianceSettings ?? new Dictionary<Guid, int>())
            soon = System.Linq.Expressions.Expression.Condition(
                System.Linq.Expressions.Expression.Equal(System.Linq.Expressions.Expression.Property(item, nameof(DecisionItem.AllianceId)),
                    System.Linq.Expressions.Expression.Constant(allianceId)),
                System.Linq.Expressions.Expression.Constant(today.AddDays(days)), soon);
        return System.Linq.Expressions.Expression.Lambda<Func<DecisionItem, int>>(new SoonReplacer(soon).Visit(rank.Body), item);
    }

    static DateOnly SoonPlaceholder => default;

    sealed class SoonReplacer(System.Linq.Expressions.Expression soon) : System.Linq.Expressions.ExpressionVisitor
    {
        protected override System.Linq.Expressions.Expression VisitMember(System.Linq.Expressions.MemberExpression node) =>
            node.Member.Name == nameof(SoonPlaceholder) && node.Member.DeclaringType == typeof(SupervisionColours) ? soon : base.VisitMember(node);
    }

    public static SupervisionColour FromRank(int rank) => rank switch
    {
        0 => SupervisionColour.Red,
        1 => SupervisionColour.Yellow,
        2 => SupervisionColour.Green,
        _ => SupervisionColour.None,
    };

    public static int RankOf(SupervisionColour colour) => colour switch
    {
        SupervisionColour.Red => 0,
        SupervisionColour.Yellow => 1,
        SupervisionColour.Green => 2,
        _ => 3,
    };
}
