namespace Alliance.Contracts.Events;

// Activities carry their first internal host's subsidiary as TenantId. Each event states the facts an activity is
// counted by (type, measure, alliance or pairing, hosts, time) as they stand after the change, so a consumer can count
// activities per measure, alliance and host from any one of them without the others.

/// <summary>
/// A host of an activity: a party organization of the group (OrganizationId and SubsidiaryId set), or a member unit of an
/// alliance (MemberUnitId set; External when the unit is outside the group). An activity counts for each of its hosts.
/// </summary>
public sealed record ActivityHostRef(Guid? OrganizationId, Guid? SubsidiaryId, Guid? MemberUnitId, string Name, bool External);

/// <summary>
/// An activity was scheduled. Measure is the joint measure's name (study, organization, work, performance,
/// responsibility, integrity); ServiceCenterId is set when a service center was booked for it.
/// </summary>
public sealed record ActivityScheduled(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ActivityId, string Title, Guid TypeId, string TypeCode, string Measure, Guid? AllianceId, Guid? PairingId,
    IReadOnlyList<ActivityHostRef> Hosts, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? ServiceCenterId) : IIntegrationEvent;

/// <summary>A planned activity's details were revised (title, type and measure, hosts, alliance or pairing, time, venue, agenda).</summary>
public sealed record ActivityRevised(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ActivityId, string Title, Guid TypeId, string TypeCode, string Measure, Guid? AllianceId, Guid? PairingId,
    IReadOnlyList<ActivityHostRef> Hosts, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? ServiceCenterId) : IIntegrationEvent;

/// <summary>An activity was held: the one a count of joint work counts. Held is final (only its outcome notes change after).</summary>
public sealed record ActivityHeld(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ActivityId, Guid TypeId, string TypeCode, string Measure, Guid? AllianceId, Guid? PairingId,
    IReadOnlyList<ActivityHostRef> Hosts, DateTimeOffset StartsAt, DateTimeOffset EndsAt) : IIntegrationEvent;

/// <summary>A planned activity was cancelled with a reason; its service center booking was released.</summary>
public sealed record ActivityCancelled(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ActivityId, Guid TypeId, string Measure, Guid? AllianceId, Guid? PairingId,
    IReadOnlyList<ActivityHostRef> Hosts, DateTimeOffset StartsAt, string Reason) : IIntegrationEvent;
