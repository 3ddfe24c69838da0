using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Alliance.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// Events added to a DbContext while this batch is open (<see cref="MessagingModelExtensions.BatchIntegrationEvents"/>),
/// kept aside in order and written by <see cref="Flush"/> as one outbox row per event type and tenant: an
/// <see cref="EventBatch{TEvent}"/> of up to <see cref="MaxEventsPerRow"/> events (a lone event as itself). The rows are
/// added to the context, so they are written in the same transaction as the change they report. Disposing closes the
/// batch; events not flushed by then are dropped with it (the caller rolled back what raised them), so a caller that
/// saves must flush first.
/// </summary>
public sealed class IntegrationEventBatch : IDisposable
{
    /// <summary>Events in one outbox row at most (a message of a few hundred KB).</summary>
    public const int MaxEventsPerRow = 1000;

    internal static readonly ConditionalWeakTable<DbContext, IntegrationEventBatch> Open = new();

    readonly DbContext _db;
    readonly Dictionary<(Type Type, Guid Tenant), List<IIntegrationEvent>> _events = [];

    internal IntegrationEventBatch(DbContext db)
    {
        if (!Open.TryAdd(db, this)) throw new InvalidOperationException("Integration events are already batched on this DbContext.");
        _db = db;
    }

    /// <summary>Events kept aside, not yet flushed.</summary>
    public int Count { get; private set; }

    internal void Add(IIntegrationEvent evt)
    {
        var key = (evt.GetType(), evt.TenantId);
        if (!_events.TryGetValue(key, out var list)) _events[key] = list = [];
        list.Add(evt);
        Count++;
    }

    /// <summary>Adds the outbox rows of the events kept so far to the context (saved with it) and starts again empty; returns the rows added.</summary>
    public int Flush()
    {
        var rows = 0;
        foreach (var ((type, tenant), events) in _events)
        {
            foreach (var chunk in events.Chunk(MaxEventsPerRow))
            {
                _db.Set<OutboxMessage>().Add(chunk.Length == 1
                    ? MessagingModelExtensions.OutboxRow(chunk[0])
                    : MessagingModelExtensions.OutboxRow(Guid.CreateVersion7(), MessageTypes.NameOf(typeof(EventBatch<>).MakeGenericType(type)), Body(chunk), tenant, chunk[0].OccurredAt));
                rows++;
            }
        }
        _events.Clear();
        Count = 0;
        return rows;
    }

    /// <summary>{"events":[…]}: the shape the dispatcher gives an EventBatch, each event as a lone row's body would be.</summary>
    static string Body(IIntegrationEvent[] events)
    {
        // One writer for the whole batch: no string per event, one transcoding at the end.
        var buffer = new ArrayBufferWriter<byte>(events.Length * 300);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var evt in events) JsonSerializer.Serialize(json, evt, evt.GetType(), MessagingModelExtensions.Json);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public void Dispose() => Open.Remove(_db);
}
