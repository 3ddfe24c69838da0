using Alliance.Contracts.Events;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// A consumer seen as a projection that a read model can be filled through from its source's current state (ADR 26);
/// every <see cref="IdempotentConsumer{TDbContext,TMessage}"/> is one.
/// </summary>
public interface IStateProjection
{
    Type EventType { get; }

    /// <summary>The name its inbox rows are kept under.</summary>
    string InboxName { get; }

    /// <summary>Applies state events on the consumer's DbContext, in the caller's transaction: no inbox rows, nothing after commit.</summary>
    Task ApplyStateAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken ct);
}
