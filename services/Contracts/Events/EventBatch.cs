namespace Alliance.Contracts.Events;

/// <summary>
/// Several events of one type in one message: what the outbox dispatcher publishes when it finds more than one event of
/// a type waiting, so the broker and each consumer's pipeline handle one message for up to a hundred events (ADR 16).
/// Each event keeps its own EventId, by which consumers' inboxes take it once.
/// </summary>
public sealed record EventBatch<TEvent>(IReadOnlyList<TEvent> Events) where TEvent : class, IIntegrationEvent;
