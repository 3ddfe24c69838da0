using System.Collections.Concurrent;
using System.Diagnostics;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Alliance.ServiceDefaults.Tests.Messaging;

/// <summary>A small service model for the tests: notes written with their events, and a log the consumer appends to.</summary>
public sealed class NotesDb(DbContextOptions<NotesDb> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<NoteLog> NoteLogs => Set<NoteLog>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>(e =>
        {
            e.ToTable("notes");
            e.HasKey(n => n.Id);
            e.Property(n => n.Id).HasColumnName("id");
            e.Property(n => n.TenantId).HasColumnName("tenant_id");
            e.Property(n => n.Text).HasColumnName("text").HasMaxLength(200);
        });
        modelBuilder.Entity<NoteLog>(e =>
        {
            e.ToTable("note_logs");
            e.HasKey(n => n.Id);
            e.Property(n => n.Id).HasColumnName("id");
            e.Property(n => n.NoteId).HasColumnName("note_id");
            e.Property(n => n.Text).HasColumnName("text");
        });
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

public sealed class Note
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>The consumer's effect: one row per handled event, deliberately not idempotent by itself.</summary>
public sealed class NoteLog
{
    public Guid Id { get; set; }
    public Guid NoteId { get; set; }
    public string Text { get; set; } = "";
}

public sealed record NoteAdded(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid NoteId, string Text) : IIntegrationEvent
{
    public static NoteAdded For(Note note) => new(Guid.NewGuid(), note.TenantId, DateTimeOffset.UtcNow, note.Id, note.Text);
}

/// <summary>Test-controlled behaviour of the consumer in one host.</summary>
public sealed class NoteProbe
{
    public volatile bool RefusePoison = true;
    int _largestTogether;

    /// <summary>The activity current in the consumer's handler, by note.</summary>
    public ConcurrentDictionary<Guid, Activity?> HandledIn { get; } = new();

    /// <summary>The most notes one call of the consumer's set handler was given.</summary>
    public int LargestTogether => Volatile.Read(ref _largestTogether);

    public void HandledTogether(int count)
    {
        int seen;
        while (count > (seen = Volatile.Read(ref _largestTogether)) && Interlocked.CompareExchange(ref _largestTogether, count, seen) != seen) { }
    }
}

public sealed class NoteAddedConsumer(NotesDb db, NoteProbe probe) : IdempotentConsumer<NotesDb, NoteAdded>(db)
{
    protected override Task HandleAsync(NoteAdded message, NotesDb db, CancellationToken ct)
    {
        if (probe.RefusePoison && message.Text.StartsWith("poison", StringComparison.Ordinal))
            throw new InvalidOperationException("This note is refused");
        probe.HandledIn[message.NoteId] = Activity.Current;
        db.NoteLogs.Add(new NoteLog { Id = Guid.NewGuid(), NoteId = message.NoteId, Text = message.Text });
        return Task.CompletedTask;
    }

    protected override Task HandleAsync(IReadOnlyList<NoteAdded> messages, NotesDb db, CancellationToken ct)
    {
        probe.HandledTogether(messages.Count);
        return base.HandleAsync(messages, db, ct);
    }
}

/// <summary>Counts every delivery of NoteAdded that a host's consumers completed, duplicates included (a batch's events one by one).</summary>
public sealed class DeliveryCounter : IConsumeObserver
{
    int _count;
    int _batches;
    public int Count => Volatile.Read(ref _count);

    /// <summary>EventBatch messages completed (their events are in <see cref="Count"/> one by one).</summary>
    public int Batches => Volatile.Read(ref _batches);

    /// <summary>Each completed delivery as the consumer saw it.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(Guid? MessageId, string? ContentType, NoteAdded Message)> Seen { get; } = new();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        var contentType = context.ReceiveContext.ContentType?.MediaType;
        if (context.Message is NoteAdded note) Record(context.MessageId, contentType, note);
        // Events the outbox sent together: each counts as its own delivery, under its own EventId.
        if (context.Message is EventBatch<NoteAdded> batch)
        {
            Interlocked.Increment(ref _batches);
            foreach (var e in batch.Events) Record(e.EventId, contentType, e);
        }
        return Task.CompletedTask;
    }

    void Record(Guid? messageId, string? contentType, NoteAdded note)
    {
        Seen.Enqueue((messageId, contentType, note));
        Interlocked.Increment(ref _count);
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
