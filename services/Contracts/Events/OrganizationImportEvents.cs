namespace Alliance.Contracts.Events;

/// <summary>
/// A CSV import of a subsidiary's party tree was applied: one OrganizationCreated per created organization was
/// written with it. Skipped counts rows that had errors (imported with skip-invalid).
/// </summary>
public sealed record OrganizationTreeImported(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid ImportId, int TotalRows, int Created, int AlreadyExisting, int Skipped) : IIntegrationEvent;
