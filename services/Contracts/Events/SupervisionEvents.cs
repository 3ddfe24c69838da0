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
