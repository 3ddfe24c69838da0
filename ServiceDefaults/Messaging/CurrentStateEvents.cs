using System.Data.Common;
using System.Text.Json;
using Alliance.Contracts.Events;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// A source's current state as integration events, to fill a new or empty read model (ADR 26): the source streams them
/// from one snapshot, with the events that snapshot already holds; the reader applies the first and marks the second as
/// processed. Types and bodies are written as the outbox writes them.
/// </summary>
public static class CurrentStateEvents
{
    /// <summary>
    /// The time state events carry: before any real event, so each projection that keeps the latest value by time lets a
    /// later event win over the state it was filled with.
    /// </summary>
    public static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    public static (string MessageType, string Json) Write(IIntegrationEvent evt) => (MessageTypes.NameOf(evt.GetType()), MessagingModelExtensions.BodyOf(evt));

    /// <summary>The type an outbox type name stands for; null when this build has no such type.</summary>
    public static Type? TypeOf(string messageType) => MessageTypes.Resolve(messageType);

    public static IIntegrationEvent Read(string messageType, string json)
    {
        var type = MessageTypes.Resolve(messageType);
        if (type is null || !typeof(IIntegrationEvent).IsAssignableFrom(type))
            throw new InvalidOperationException($"Unknown integration event type '{messageType}'.");
        return (IIntegrationEvent)(JsonSerializer.Deserialize(json, type, MessagingModelExtensions.Json)
            ?? throw new InvalidOperationException($"An empty {type.Name}."));
    }

    /// <summary>
    /// The events of the outbox rows visible in the caller's transaction that may still reach a consumer: not yet
    /// dispatched, or dispatched since <paramref name="dispatchedSince"/> (the reader purged its queues a little later).
    /// A row holding an <see cref="EventBatch{TEvent}"/> gives each of its events.
    /// </summary>
    public static async IAsyncEnumerable<(string MessageType, Guid EventId)> IncludedAsync(DbConnection connection, DbTransaction transaction,
        DateTimeOffset dispatchedSince, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT message_type, body FROM {MessagingModelExtensions.QuotedOutboxTable} WHERE dispatched_at IS NULL OR dispatched_at >= @since";
        var since = command.CreateParameter();
        since.ParameterName = "since";
        since.Value = dispatchedSince.ToUniversalTime();
        command.Parameters.Add(since);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var messageType = reader.GetString(0);
            using var body = JsonDocument.Parse(reader.GetString(1));
            if (MessageTypes.Resolve(messageType) is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(EventBatch<>))
            {
                var eventType = MessageTypes.NameOf(t.GetGenericArguments()[0]);
                foreach (var e in body.RootElement.GetProperty("events").EnumerateArray())
                    yield return (eventType, e.GetProperty("eventId").GetGuid());
            }
            else yield return (messageType, body.RootElement.GetProperty("eventId").GetGuid());
        }
    }
}
