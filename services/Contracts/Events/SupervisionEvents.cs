namespace Alliance.Contracts.Events;

/// <summary>
/// A decision item of a joint meeting turned red (overdue, not yet verified) and was escalated to the alliance's current
/// rotating secretary: the member unit that chairs the alliance on that day (SecretaryMemberUnitId; its organization and
/// subsidiary when the unit is inside the group). Published once per item and red spell; the activity service's
/// notifications turn it into a reminder for the secretary's unit, reporting counts it.
/// </summary>
public sealed record DecisionItemEscalated(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid DecisionItemId, Guid MeetingId, Guid? AllianceId, string Title, DateOnly DueOn,
    Guid OwnerOrganizationId, string OwnerName,
    Guid? SecretaryMemberUnitId, Guid? SecretaryOrganizationId, Guid? SecretarySubsidiaryId, string? SecretaryName) : IIntegrationEvent;

/// <summary>A joint meeting (联席会议) of an alliance was recorded, with the member units that attended.</summary>
public sealed record JointMeetingRecorded(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid MeetingId, Guid AllianceId, string Title, DateTimeOffset StartsAt, IReadOnlyList<Guid> AttendingMemberUnitIds, Guid? ActivityId) : IIntegrationEvent;

/// <summary>A joint meeting's details were revised (title, time, place, minutes, attendees, linked activity).</summary>
public sealed record JointMeetingRevised(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid MeetingId, Guid AllianceId, string Title, DateTimeOffset StartsAt, IReadOnlyList<Guid> AttendingMemberUnitIds, Guid? ActivityId) : IIntegrationEvent;

/// <summary>
/// A decision item was recorded at a joint meeting: its owner unit (OwnerOrganizationId is the member unit's organization,
/// or null for a unit outside the group), its due date and the supervising member unit.
/// </summary>
public sealed record DecisionItemRecorded(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid DecisionItemId, Guid MeetingId, Guid AllianceId, string Title, Guid OwnerMemberUnitId, Guid? OwnerOrganizationId,
    DateOnly DueOn, Guid SupervisorMemberUnitId) : IIntegrationEvent;

/// <summary>
/// A decision item's state or colour changed. State: open, in-progress, done, verified, cancelled; Colour: green, yellow,
/// red, or none once verified or cancelled. Reason is set for a rejection or a cancellation.
/// </summary>
public sealed record DecisionItemStateChanged(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid DecisionItemId, Guid MeetingId, Guid AllianceId, string FromState, string State, string FromColour, string Colour,
    DateOnly DueOn, string? Reason) : IIntegrationEvent;
