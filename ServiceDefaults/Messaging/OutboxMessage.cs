namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// An integration event waiting in the service's own database to be published (table <c>outbox_messages</c>).
/// Written in the same transaction as the change it reports; the dispatcher publishes it and marks it dispatched.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The event's EventId; also the MessageId on the bus, so consumers can de-duplicate.</summary>
    public Guid Id { get; set; }

    /// <summary>"Namespace.Type, Assembly" of the event record, to deserialize and publish it as that type.</summary>
    public string MessageType { get; set; } = "";

    public string Body { get; set; } = "";
    public Guid TenantId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>W3C <c>traceparent</c> of the activity the row was written in (null outside any trace): the dispatcher's publish
    /// continues that trace, so a request and the consumers of its events are one trace.</summary>
    public string? TraceParent { get; set; }

    /// <summary>W3C <c>tracestate</c> that went with <see cref="TraceParent"/>, if any.</summary>
    public string? TraceState { get; set; }
}

/// <summary>A message a consumer has processed (table <c>inbox_messages</c>), committed with the consumer's effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public string Consumer { get; set; } = "";
    public DateTimeOffset ProcessedAt { get; set; }
}
