using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using Alliance.Contracts.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>Maps the outbox and inbox tables into a service's own DbContext and writes events into the outbox.</summary>
public static class MessagingModelExtensions
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    /// <summary>The tables as the dispatcher's and the inbox's SQL name them: in the connection's schema, so reading the
    /// name needs no EF Core model (an idle service that has written nothing never builds one).</summary>
    internal const string QuotedOutboxTable = "\"" + OutboxTable + "\"";
    internal const string QuotedInboxTable = "\"" + InboxTable + "\"";

    /// <summary>
    /// Event bodies: web defaults, with text outside ASCII written as UTF-8 rather than \u escapes (a Chinese name is half
    /// the bytes, for the outbox, the broker and every consumer's parser). The bodies are JSON read by JSON parsers,
    /// never embedded in HTML, so the HTML-sensitive characters need no escaping either; quotes, backslashes and control
    /// characters still are.
    /// </summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Maps <see cref="OutboxMessage"/> to <c>outbox_messages</c>, in the connection's schema (a model with a default schema is refused).</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        RefuseDefaultSchema(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable(OutboxTable);
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(500).IsRequired();
            // Text compressed with lz4: an import's EventBatch row holds a thousand events, and parsing that into jsonb and
            // compressing it with the default pglz cost PostgreSQL 7 ms a row against 1.3 ms as text with lz4 (ADR 19).
            // Nothing queries inside a body; the dispatcher reads it as text.
            e.Property(m => m.Body).HasColumnName("body").HasColumnType("text").UseCompressionMethod("lz4").IsRequired();
            e.Property(m => m.TenantId).HasColumnName("tenant_id");
            e.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            e.Property(m => m.CreatedAt).HasColumnName("created_at");
            e.Property(m => m.DispatchedAt).HasColumnName("dispatched_at");
            e.Property(m => m.Attempts).HasColumnName("attempts");
            e.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            e.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            e.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
            e.Property(m => m.TraceState).HasColumnName("trace_state");
            // The dispatcher's claim query reads only undispatched rows by due time; the clean-up reads dispatched ones.
            e.HasIndex(m => m.NextAttemptAt).HasDatabaseName("ix_outbox_messages_due").HasFilter("dispatched_at IS NULL");
            e.HasIndex(m => m.DispatchedAt).HasDatabaseName("ix_outbox_messages_dispatched").HasFilter("dispatched_at IS NOT NULL");
        });
        return modelBuilder;
    }

    /// <summary>Maps <see cref="InboxMessage"/> to <c>inbox_messages</c>, keyed by (message_id, consumer).</summary>
    public static ModelBuilder AddInbox(this ModelBuilder modelBuilder)
    {
        RefuseDefaultSchema(modelBuilder);
        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable(InboxTable);
            e.HasKey(m => new { m.MessageId, m.Consumer });
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(300);
            e.Property(m => m.ProcessedAt).HasColumnName("processed_at");
        });
        return modelBuilder;
    }

    /// <summary>
    /// Adds the event to the outbox: it is written by the next SaveChanges, in the same transaction as the change it
    /// reports, and published afterwards by <see cref="OutboxDispatcher{TDbContext}"/>.
    /// </summary>
    public static void AddIntegrationEvent(this DbContext db, IIntegrationEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (IntegrationEventBatch.Open.TryGetValue(db, out var batch))
        {
            batch.Add(evt);
            return;
        }
        db.Set<OutboxMessage>().Add(OutboxRow(evt));
    }

    /// <summary>
    /// Until the returned batch is flushed or disposed, the events added to <paramref name="db"/> are kept aside and then
    /// written as one outbox row per event type and tenant, each an <see cref="EventBatch{TEvent}"/> of up to
    /// <see cref="IntegrationEventBatch.MaxEventsPerRow"/> events (ADR 19): for imports that raise hundreds of thousands
    /// of events, whose rows, dispatch marks and messages would otherwise cost more than the import's own rows.
    /// Consumers see the same events, taken one by one by their EventId.
    /// </summary>
    public static IntegrationEventBatch BatchIntegrationEvents(this DbContext db) => new(db);

    /// <summary>The outbox row of one event: its EventId, its type's name and its JSON.</summary>
    internal static OutboxMessage OutboxRow(IIntegrationEvent evt) =>
        OutboxRow(evt.EventId, MessageTypes.NameOf(evt.GetType()), BodyOf(evt), evt.TenantId, evt.OccurredAt);

    /// <summary>The event's JSON as the dispatcher sends it (camelCase, as MassTransit writes it).</summary>
    internal static string BodyOf(IIntegrationEvent evt) => JsonSerializer.Serialize(evt, evt.GetType(), Json);

    internal static OutboxMessage OutboxRow(Guid id, string messageType, string body, Guid tenantId, DateTimeOffset occurredAt)
    {
        var now = DateTimeOffset.UtcNow;
        var (traceParent, traceState) = OutboxTracing.Current();
        return new OutboxMessage
        {
            Id = id, MessageType = messageType, Body = body, TenantId = tenantId, OccurredAt = occurredAt, CreatedAt = now, NextAttemptAt = now,
            TraceParent = traceParent, TraceState = traceState,
        };
    }

    static void RefuseDefaultSchema(ModelBuilder modelBuilder)
    {
        if (modelBuilder.Model.GetDefaultSchema() is { } schema)
            throw new InvalidOperationException($"The outbox and inbox live in the connection's schema, not in '{schema}': call AddOutbox and AddInbox before HasDefaultSchema, or drop it.");
    }
}

/// <summary>Event type names as stored in the outbox, and back.</summary>
internal static class MessageTypes
{
    static readonly ConcurrentDictionary<string, Type?> Resolved = new();

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type? Resolve(string name) => Resolved.GetOrAdd(name, static n => Type.GetType(n, throwOnError: false));

    /// <summary>The row holds an <see cref="EventBatch{TEvent}"/> already (written by <see cref="IntegrationEventBatch"/>): it is sent as it is.</summary>
    public static bool IsBatch(string name) => Resolve(name) is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(EventBatch<>);
}
