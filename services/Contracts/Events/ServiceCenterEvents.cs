namespace Alliance.Contracts.Events;

// Service centers carry their owner organization's subsidiary as TenantId.

/// <summary>A service center (党群服务中心) was opened by a party organization of the group.</summary>
public sealed record ServiceCenterOpened(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ServiceCenterId, Guid OwnerOrganizationId, string Name, string Address, int Capacity) : IIntegrationEvent;

/// <summary>A service center's name, address, capacity, contact, opening hours or facilities were revised.</summary>
public sealed record ServiceCenterRevised(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ServiceCenterId, string Name, string Address, int Capacity) : IIntegrationEvent;

/// <summary>A service center was closed; the sharing still open ended on the closing day (no separate events for those).</summary>
public sealed record ServiceCenterClosed(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ServiceCenterId, DateOnly ClosedOn, string? Reason) : IIntegrationEvent;

/// <summary>A service center was shared with an alliance from a day, until a last day or open-ended.</summary>
public sealed record ServiceCenterSharedWithAlliance(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ServiceCenterId, Guid AllianceId, DateOnly SharedFrom, DateOnly? SharedUntil) : IIntegrationEvent;

/// <summary>The sharing of a service center with an alliance was stopped; SharedUntil is its last shared day.</summary>
public sealed record ServiceCenterSharingStopped(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ServiceCenterId, Guid AllianceId, DateOnly SharedUntil) : IIntegrationEvent;
