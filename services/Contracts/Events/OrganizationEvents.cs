namespace Alliance.Contracts.Events;

/// <summary>A subsidiary (the unit of tenancy) joined the group. TenantId is the subsidiary's own id.</summary>
public sealed record SubsidiaryRegistered(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid SubsidiaryId, string Code, string Name) : IIntegrationEvent;

/// <summary>A party organization was created under a parent (or as a root) in a subsidiary.</summary>
public sealed record OrganizationCreated(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid OrganizationId, Guid? ParentId, string Name, string Kind) : IIntegrationEvent;

/// <summary>A party organization moved under another parent in the same subsidiary.</summary>
public sealed record OrganizationMoved(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid OrganizationId, Guid? OldParentId, Guid NewParentId) : IIntegrationEvent;
