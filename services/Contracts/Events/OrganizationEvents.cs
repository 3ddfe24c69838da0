namespace Alliance.Contracts.Events;

/// <summary>A subsidiary (the unit of tenancy) joined the group. TenantId is the subsidiary's own id.</summary>
public sealed record SubsidiaryRegistered(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid SubsidiaryId, string Code, string Name) : IIntegrationEvent;

/// <summary>A party organization was created under a parent (or as a root) in a subsidiary.</summary>
public sealed record OrganizationCreated(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid OrganizationId, Guid? ParentId, string Name, string Kind) : IIntegrationEvent;

/// <summary>A party organization moved under another parent in the same subsidiary, effective on a day.</summary>
/// <remarks>EffectiveOn is null only in events written before organizations were effective-dated.</remarks>
public sealed record OrganizationMoved(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid OrganizationId, Guid? OldParentId, Guid NewParentId, DateOnly? EffectiveOn = null) : IIntegrationEvent;

/// <summary>A party organization took a new name, effective on a day.</summary>
public sealed record OrganizationRenamed(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid OrganizationId, string OldName, string NewName, DateOnly EffectiveOn) : IIntegrationEvent;

/// <summary>
/// A party organization (the source, of <paramref name="SourceKind"/>) was merged into another of the same subsidiary and
/// ended: its sub-organizations moved under the target (each also announced as OrganizationMoved) and its members were
/// transferred there (each announced as MemberTransferred).
/// </summary>
public sealed record OrganizationsMerged(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid SourceOrganizationId, Guid TargetOrganizationId, string SourceKind, DateOnly EffectiveOn) : IIntegrationEvent;

/// <summary>A party organization (of <paramref name="Kind"/>) was dissolved, effective on a day.</summary>
public sealed record OrganizationDissolved(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid OrganizationId, string Kind, DateOnly EffectiveOn) : IIntegrationEvent;
