namespace Alliance.Contracts.Events;

/// <summary>
/// What every integration event carries (ARCHITECTURE.md, messaging rules). Events are versioned by adding fields only.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }
    Guid TenantId { get; }
    DateTimeOffset OccurredAt { get; }
}
