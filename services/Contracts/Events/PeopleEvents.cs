namespace Alliance.Contracts.Events;

// People events carry ids, kinds and dates, never ID or phone numbers. TenantId is the person's subsidiary.
// Statuses and roles are spelled as in the REST API: probationary, full, transferred-out; secretary, deputy-secretary, committee-member.

/// <summary>A person (an employee or an external person) was registered in a subsidiary.</summary>
public sealed record PersonRegistered(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PersonId, string Name, string Kind, bool HoldsManagementPost) : IIntegrationEvent;

/// <summary>A person's name, employee number, personal data or management post changed.</summary>
public sealed record PersonUpdated(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PersonId, string Name, bool HoldsManagementPost) : IIntegrationEvent;

/// <summary>A person joined the party in an organization (first time, or again after a transfer out).</summary>
public sealed record MemberJoined(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PersonId, Guid OrganizationId, string Status, DateOnly JoinedOn) : IIntegrationEvent;

/// <summary>A member's membership moved from one organization to another of the same subsidiary.</summary>
public sealed record MemberTransferred(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PersonId, Guid FromOrganizationId, Guid ToOrganizationId, DateOnly TransferredOn) : IIntegrationEvent;

/// <summary>A member's status changed: probationary to full, or transferred out of the group's organizations.</summary>
public sealed record MemberStatusChanged(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PersonId, Guid OrganizationId, string OldStatus, string NewStatus, DateOnly ChangedOn) : IIntegrationEvent;

/// <summary>A person took a role (secretary, deputy secretary, committee member) in an organization.</summary>
public sealed record RoleAssigned(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PersonId, Guid RoleId, Guid OrganizationId, string Role, DateOnly StartsOn, DateOnly? EndsOn) : IIntegrationEvent;

/// <summary>A person's role in an organization ended.</summary>
public sealed record RoleEnded(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid PersonId, Guid RoleId, Guid OrganizationId, string Role, DateOnly EndsOn) : IIntegrationEvent;
