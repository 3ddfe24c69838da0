namespace Alliance.Contracts.Events;

// Attendance carries the activity's tenant (its first internal host's subsidiary) as TenantId and the activity's hosts,
// so reporting can count invitations and check-ins for each host (an activity counts for each of its hosts) without
// the activity's own events.

/// <summary>
/// Someone was invited to an activity. Kind is organization (a party organization of the group: ExpectedCount is its
/// current members when invited), member-unit (of the alliance served) or person (ExpectedCount 1).
/// </summary>
public sealed record ParticipantInvited(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ActivityId, Guid ParticipantId, string Kind, Guid? OrganizationId, Guid? MemberUnitId, Guid? PersonId, Guid? SubsidiaryId,
    string Name, int ExpectedCount, IReadOnlyList<ActivityHostRef> Hosts) : IIntegrationEvent;

/// <summary>An invitation was withdrawn; the people it expected no longer count as invited.</summary>
public sealed record InvitationWithdrawn(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ActivityId, Guid ParticipantId, string Kind, Guid? OrganizationId, Guid? MemberUnitId, Guid? PersonId, int ExpectedCount) : IIntegrationEvent;

/// <summary>
/// A person (or, without a person, a signed-in user) checked in at an activity, once: a second check-in publishes nothing.
/// Method is self or code. OrganizationId is the person's party organization, else the invited organization of the
/// user's subsidiary, when known.
/// </summary>
public sealed record ParticipantCheckedIn(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ActivityId, Guid CheckInId, Guid? PersonId, string UserName, Guid? OrganizationId, Guid? SubsidiaryId,
    DateTimeOffset CheckedInAt, string Method, IReadOnlyList<ActivityHostRef> Hosts) : IIntegrationEvent;
