using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;

namespace Alliance.Gateway.Supervision;

public sealed record MilestoneBody(string? Title, string? DueOn);

/// <summary>A decision item as recorded at a meeting: owner and supervising units are member units of the meeting's alliance.</summary>
public sealed record DecisionItemBody(string? Title, string? AcceptanceCriteria, Guid? OwnerMemberUnitId, string? OwnerPerson, string? DueOn,
    List<MilestoneBody?>? Milestones, Guid? SupervisorMemberUnitId);

/// <summary>A progress update (milestonesReached: indexes of the plan's milestones) or a claim: the evidence as text, links, attachment ids.</summary>
public sealed record ProgressBody(string? Note, List<string?>? Links, List<Guid>? AttachmentIds, List<int>? MilestonesReached, long? ExpectedVersion);
public sealed record VerifyBody(string? Note, long? ExpectedVersion);
public sealed record ReasonBody(string? Reason, long? ExpectedVersion);

public sealed record MilestoneDto(int Index, string Title, string DueOn, string? ReachedOn);

public sealed record DecisionItemDto(Guid Id, Guid MeetingId, string MeetingTitle, Guid AllianceId, string AllianceName, string Title,
    string AcceptanceCriteria, Guid OwnerMemberUnitId, string OwnerName, string? OwnerPerson, string DueOn, IReadOnlyList<MilestoneDto> Milestones,
    Guid SupervisorMemberUnitId, string SupervisorName, string State, string Colour, bool BehindPlan, bool Escalated, string? CancelReason,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, long Version, bool MayProgress, bool MaySupervise)
{
    public static DecisionItemDto From(DecisionItem i) => new(Guid.Parse(i.Id), Guid.Parse(i.MeetingId), i.MeetingTitle, Guid.Parse(i.AllianceId),
        i.AllianceName, i.Title, i.AcceptanceCriteria, Guid.Parse(i.OwnerMemberUnitId), i.OwnerName, Blank(i.OwnerPerson), i.DueOn,
        i.Milestones.Select(m => new MilestoneDto(m.Index, m.Title, m.DueOn, m.HasReachedOn ? m.ReachedOn : null)).ToList(),
        Guid.Parse(i.SupervisorMemberUnitId), i.SupervisorName, States.Name(i.State), Colours.Name(i.Colour), i.BehindPlan, i.Escalated,
        Blank(i.CancelReason), ActivityTimes.InGroupTime(i.CreatedAt.ToDateTimeOffset()), i.CreatedBy,
        ActivityTimes.InGroupTime(i.UpdatedAt.ToDateTimeOffset()), i.UpdatedBy, i.Version, i.MayProgress, i.MaySupervise);

    static string? Blank(string value) => value.Length == 0 ? null : value;
}

public sealed record ColourCountDto(string Colour, int Count);
public sealed record OwnerCountDto(Guid OwnerMemberUnitId, string OwnerName, int Red, int Yellow, int Green);

/// <summary>A page of the board (red first, then yellow and green; by owner and due date) with the counts of the whole filtered set.</summary>
public sealed record SupervisionBoardDto(IReadOnlyList<DecisionItemDto> Items, int Total, int Page, int PageSize,
    IReadOnlyList<ColourCountDto> Colours, IReadOnlyList<OwnerCountDto> Owners);

public sealed record DecisionItemEntryDto(Guid Id, string Kind, DateTimeOffset At, string By, string ByRole, string FromState, string ToState,
    string FromColour, string ToColour, string? Note, IReadOnlyList<string> Links, IReadOnlyList<Guid> AttachmentIds, long Version)
{
    public static DecisionItemEntryDto From(DecisionItemEntry e) => new(Guid.Parse(e.Id), e.Kind, ActivityTimes.InGroupTime(e.At.ToDateTimeOffset()),
        e.By, e.ByRole, States.Name(e.FromState), States.Name(e.ToState), Colours.Name(e.FromColour), Colours.Name(e.ToColour),
        e.Note.Length == 0 ? null : e.Note, e.Links.ToList(), e.AttachmentIds.Select(Guid.Parse).ToList(), e.Version);
}

/// <summary>Decision item states by their API names.</summary>
public static class States
{
    public static readonly IReadOnlyDictionary<string, DecisionItemState> ByName = new Dictionary<string, DecisionItemState>
    {
        ["open"] = DecisionItemState.Open, ["in-progress"] = DecisionItemState.InProgress, ["done"] = DecisionItemState.Done,
        ["verified"] = DecisionItemState.Verified, ["cancelled"] = DecisionItemState.Cancelled,
    };

    public static string Name(DecisionItemState state) => ByName.FirstOrDefault(p => p.Value == state).Key ?? "open";
}

/// <summary>Supervision colours by their API names.</summary>
public static class Colours
{
    public static readonly IReadOnlyDictionary<string, SupervisionColour> ByName = new Dictionary<string, SupervisionColour>
    {
        ["green"] = SupervisionColour.Green, ["yellow"] = SupervisionColour.Yellow, ["red"] = SupervisionColour.Red, ["none"] = SupervisionColour.None,
    };

    public static string Name(SupervisionColour colour) => ByName.FirstOrDefault(p => p.Value == colour).Key ?? "none";
}

/// <summary>The board's query string: filters and paging.</summary>
public sealed record BoardQuery(int? Page, int? PageSize, Guid? AllianceId, Guid? MeetingId, Guid? OwnerMemberUnitId, Guid? SupervisorMemberUnitId,
    string? State, string? Colour, bool? IncludeClosed, string? Search);

/// <summary>An alliance's "due soon" days; null goes back to the group's setting.</summary>
public sealed record SupervisionSettingBody(int? DueSoonDays, long? ExpectedVersion);

public sealed record SupervisionSettingDto(Guid AllianceId, int DueSoonDays, bool Own, int GroupDueSoonDays, long Version, bool CanChange)
{
    public static SupervisionSettingDto From(SupervisionSetting s) =>
        new(Guid.Parse(s.AllianceId), s.DueSoonDays, s.Own, s.GroupDueSoonDays, s.Version, s.CanChange);
}
