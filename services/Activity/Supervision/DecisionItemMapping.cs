using Alliance.Activity.Meetings;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>A decision item as the contract and its events state it; the colour is always today's (computed on read).</summary>
internal static class DecisionItemMapping
{
    public static C.DecisionItem ToContract(this DecisionItem i, CallerScope caller, DateOnly today, int dueSoonDays)
    {
        var colour = SupervisionColours.Of(i, today, dueSoonDays);
        var result = new C.DecisionItem
        {
            Id = i.Id.ToString(), MeetingId = i.MeetingId.ToString(), MeetingTitle = i.MeetingTitle, AllianceId = i.AllianceId.ToString(),
            AllianceName = i.AllianceName, Title = i.Title, AcceptanceCriteria = i.AcceptanceCriteria,
            OwnerMemberUnitId = i.OwnerMemberUnitId.ToString(), OwnerName = i.OwnerName, OwnerPerson = i.OwnerPerson ?? "",
            DueOn = Day(i.DueOn), SupervisorMemberUnitId = i.SupervisorMemberUnitId.ToString(), SupervisorName = i.SupervisorName,
            State = ToContract(i.State), Colour = ToContract(colour), BehindPlan = SupervisionColours.IsBehindPlan(i, today),
            Escalated = colour == SupervisionColour.Red && i.EscalatedAt is not null, CancelReason = i.CancelReason ?? "",
            CreatedAt = Timestamp.FromDateTimeOffset(i.CreatedAt), CreatedBy = i.CreatedBy,
            UpdatedAt = Timestamp.FromDateTimeOffset(i.UpdatedAt), UpdatedBy = i.UpdatedBy, Version = i.Version,
            MayProgress = !i.IsClosed && MeetingAccess.MayActForOwner(caller, i),
            MaySupervise = !i.IsClosed && MeetingAccess.MayActForSupervisor(caller, i),
        };
        result.Milestones.AddRange(i.Milestones.Select((m, index) =>
        {
            var milestone = new C.Milestone { Index = index, Title = m.Title, DueOn = Day(m.DueOn) };
            if (m.ReachedOn is { } reached) milestone.ReachedOn = Day(reached);
            return milestone;
        }));
        return result;
    }

    public static C.DecisionItemEntry ToContract(this DecisionItemEntry e)
    {
        var entry = new C.DecisionItemEntry
        {
            Id = e.Id.ToString(), Kind = e.Kind, At = Timestamp.FromDateTimeOffset(e.At), By = e.By, ByRole = e.ByRole,
            FromState = ToContract(e.FromState), ToState = ToContract(e.ToState), FromColour = ToContract(e.FromColour),
            ToColour = ToContract(e.ToColour), Note = e.Note ?? "", Version = e.Version,
        };
        entry.Links.AddRange(e.ReadLinks());
        entry.AttachmentIds.AddRange(e.AttachmentIds.Select(a => a.ToString()));
        return entry;
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static C.DecisionItemState ToContract(DecisionItemState state) => state switch
    {
        DecisionItemState.Open => C.DecisionItemState.Open,
        DecisionItemState.InProgress => C.DecisionItemState.InProgress,
        DecisionItemState.Done => C.DecisionItemState.Done,
        DecisionItemState.Verified => C.DecisionItemState.Verified,
        _ => C.DecisionItemState.Cancelled,
    };

    public static DecisionItemState? FromContract(C.DecisionItemState state) => state switch
    {
        C.DecisionItemState.Open => DecisionItemState.Open,
        C.DecisionItemState.InProgress => DecisionItemState.InProgress,
        C.DecisionItemState.Done => DecisionItemState.Done,
        C.DecisionItemState.Verified => DecisionItemState.Verified,
        C.DecisionItemState.Cancelled => DecisionItemState.Cancelled,
        _ => null,
    };

    public static C.SupervisionColour ToContract(SupervisionColour colour) => colour switch
    {
        SupervisionColour.Green => C.SupervisionColour.Green,
        SupervisionColour.Yellow => C.SupervisionColour.Yellow,
        SupervisionColour.Red => C.SupervisionColour.Red,
        _ => C.SupervisionColour.None,
    };

    public static SupervisionColour? FromContract(C.SupervisionColour colour) => colour switch
    {
        C.SupervisionColour.Green => SupervisionColour.Green,
        C.SupervisionColour.Yellow => SupervisionColour.Yellow,
        C.SupervisionColour.Red => SupervisionColour.Red,
        C.SupervisionColour.None => SupervisionColour.None,
        _ => null,
    };

    public static DecisionItemRecorded Recorded(DecisionItem i, DateTimeOffset now) => new(Guid.CreateVersion7(now), i.SubsidiaryId, now,
        i.Id, i.MeetingId, i.AllianceId, i.Title, i.OwnerMemberUnitId, i.OwnerOrganizationId, i.DueOn, i.SupervisorMemberUnitId);

    public static DecisionItemStateChanged StateChanged(DecisionItem i, DecisionItemState fromState, SupervisionColour fromColour,
        string? reason, DateTimeOffset now) => new(Guid.CreateVersion7(now), i.SubsidiaryId, now,
        i.Id, i.MeetingId, i.AllianceId, DecisionItem.StateName(fromState), DecisionItem.StateName(i.State),
        DecisionItem.ColourName(fromColour), DecisionItem.ColourName(i.Colour), i.DueOn, reason);

    /// <summary>The owner's organization, or the member unit's id for a unit outside the group (the event's field is not nullable).</summary>
    public static DecisionItemEscalated Escalated(DecisionItem i, Common.MemberUnitFacts? secretary, DateTimeOffset now) => new(
        Guid.CreateVersion7(now), i.SubsidiaryId, now, i.Id, i.MeetingId, i.AllianceId, i.Title, i.DueOn,
        i.OwnerOrganizationId ?? i.OwnerMemberUnitId, i.OwnerName,
        secretary?.Id, secretary?.OrganizationId, secretary?.SubsidiaryId, secretary?.Name);
}
