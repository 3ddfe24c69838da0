using System.Collections.Concurrent;
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

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
            e.Property(m => m.Body).HasColumnName("body").HasColumnType("jsonb").IsRequired();
            e.Property(m => m.TenantId).HasColumnName("tenant_id");
            e.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            e.Property(m => m.CreatedAt).HasColumnName("created_at");
            e.Property(m => m.DispatchedAt).HasColumnName("dispatched_at");
            e.Property(m => m.Attempts).HasColumnName("attempts");
            e.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            e.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
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
    public static OutboxMessage AddIntegrationEvent(this DbContext db, IIntegrationEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var type = evt.GetType();
        var now = DateTimeOffset.UtcNow;
        var row = new OutboxMessage
        {
            Id = evt.EventId,
            MessageType = MessageTypes.NameOf(type),
            Body = JsonSerializer.Serialize(evt, type, Json),
            TenantId = evt.TenantId,
            OccurredAt = evt.OccurredAt,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Set<OutboxMessage>().Add(row);
        return row;
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
}
