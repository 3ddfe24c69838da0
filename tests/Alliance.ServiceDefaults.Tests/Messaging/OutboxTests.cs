using Alliance.ServiceDefaults.Messaging;
using Alliance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Alliance.ServiceDefaults.Tests.Messaging;

public class OutboxTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_change_and_its_event_commit_together_or_not_at_all()
    {
        await using var consumer = await MessagingHost.StartReadyConsumerAsync("outbox-atomic");
        var publisherDb = await MessagingHost.CreateDatabaseAsync(await RealServers.GetAsync(), "outbox_atomic_pub");
        await using var publisher = await MessagingHost.StartPublisherAsync(publisherDb, consumer.Bus);

        // A transaction that is rolled back after SaveChanges takes its event with it.
        await using (var scope = publisher.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var note = new Note { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), Text = "rolled back" };
            db.Notes.Add(note);
            db.AddIntegrationEvent(NoteAdded.For(note));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }

        // A SaveChanges that fails (the note's id is taken) writes neither the note nor its event.
        var existing = new Note { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), Text = "existing" };
        await using (var db = MessagingHost.Open(publisherDb))
        {
            db.Notes.Add(existing);
            await db.SaveChangesAsync();
        }
        await using (var scope = publisher.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
            var clash = new Note { Id = existing.Id, TenantId = existing.TenantId, Text = "failed" };
            db.Notes.Add(clash);
            db.AddIntegrationEvent(NoteAdded.For(clash));
            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<DbUpdateException>();
        }

        (await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM notes")).Should().Be(1, "only the plain existing note was written");
        (await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM outbox_messages")).Should().Be(0);

        // A committed change has its event, and that is the only event the consumer ever sees.
        const string text = "committed 已提交 <a & \"b\">";
        var committed = await publisher.AddNoteAsync(text);
        (await MessagingHost.ScalarAsync(publisherDb, $"SELECT count(*) FROM outbox_messages WHERE body::jsonb->>'noteId' = '{committed.Id}'")).Should().Be(1);
        // Text outside ASCII and HTML's characters are written as they are (half the bytes of \u escapes); quotes are escaped.
        (await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM outbox_messages WHERE strpos(body, '已提交 <a & \\\"b\\\">') > 0")).Should().Be(1);
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs") >= 1, Bound, "the committed note's event");
        await using (var db = MessagingHost.Open(consumer.Database))
            (await db.NoteLogs.Select(l => l.Text).ToListAsync()).Should().Equal(text);
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb,
            "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NOT NULL") == 1, Bound, "the outbox row to be marked dispatched");
    }

    [Fact]
    public async Task A_dispatcher_stopped_half_way_loses_nothing_and_its_duplicates_are_absorbed()
    {
        const int total = 300;
        const int publishedBeforeStall = 75;
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("outbox-restart");
        var publisherDb = await MessagingHost.CreateDatabaseAsync(servers, "outbox_restart_pub");
        var consumerDb = await MessagingHost.CreateDatabaseAsync(servers, "outbox_restart_con");
        await using (var db = MessagingHost.Open(publisherDb))
        {
            for (var i = 0; i < total; i++)
            {
                var note = new Note { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), Text = $"note {i}" };
                db.Notes.Add(note);
                db.AddIntegrationEvent(NoteAdded.For(note));
            }
            await db.SaveChangesAsync();
        }
        await using var consumer = await MessagingHost.StartConsumerAsync(consumerDb, bus);
        await consumer.WaitUntilReadyAsync();

        // The first dispatcher gets through some batches, then hangs in the middle of one: batches of 10 rows go as
        // messages of 4, 4 and 2 events, so it stalls before the second message of a batch whose first is published...
        var stall = new StallAfter(publishedBeforeStall);
        var small = new Dictionary<string, string?>
        {
            ["Messaging:Outbox:BatchSize"] = "10", ["Messaging:Outbox:Workers"] = "1", ["Messaging:Outbox:EventsPerMessage"] = "4",
        };
        var first = await MessagingHost.StartPublisherAsync(publisherDb, bus,
            services => services.AddSingleton<IOutboxPublishObserver>(stall), small);
        await stall.Stalled.WaitAsync(Bound);

        // ...and dies there: its transaction is gone before it could mark what it had already published.
        (await MessagingHost.ScalarAsync(publisherDb,
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'"))
            .Should().Be(1, "the dispatcher holds its claimed batch in one open transaction");
        var stopping = first.DisposeAsync();
        stall.Release();
        await stopping;
        NpgsqlConnection.ClearAllPools();
        var dispatched = await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NOT NULL");
        dispatched.Should().BeLessThanOrEqualTo(publishedBeforeStall, "it stopped half-way");

        // A new dispatcher (a restart, or another replica) publishes the rest.
        await using var second = await MessagingHost.StartPublisherAsync(publisherDb, bus);
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumerDb, "SELECT count(*) FROM note_logs") >= total, Bound, "every event to be consumed");
        await Eventually.TrueAsync(() => consumer.Deliveries.Count > total, Bound, "the republished duplicates to be delivered");
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb,
            "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0, Bound, "the outbox to drain");

        (await MessagingHost.ScalarAsync(consumerDb, "SELECT count(*) FROM note_logs")).Should().Be(total, "each event took effect exactly once");
        (await MessagingHost.ScalarAsync(consumerDb, "SELECT count(DISTINCT note_id) FROM note_logs")).Should().Be(total);
        (await MessagingHost.ScalarAsync(consumerDb, "SELECT count(*) FROM inbox_messages")).Should().Be(total);
    }

    [Fact]
    public async Task Dispatched_rows_are_deleted_after_the_retention_period()
    {
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("outbox-retention");
        var publisherDb = await MessagingHost.CreateDatabaseAsync(servers, "outbox_retention");
        await using var publisher = await MessagingHost.StartPublisherAsync(publisherDb, bus, settings: new()
        {
            ["Messaging:Outbox:Retention"] = "00:00:00",
            ["Messaging:Outbox:CleanupInterval"] = "00:00:00.200",
        });

        await publisher.AddNoteAsync("kept briefly");

        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM outbox_messages") == 0,
            TimeSpan.FromSeconds(30), "the dispatched row to be cleaned up");
        (await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM notes")).Should().Be(1);
    }
}

/// <summary>Lets the first N publishes through, then holds every later one until released or cancelled.</summary>
sealed class StallAfter(int allowed) : IOutboxPublishObserver
{
    readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int _count;

    public Task Stalled => _stalled.Task;
    public void Release() => _release.TrySetResult();

    public async ValueTask PrePublishAsync(Guid messageId, string messageType, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _count) <= allowed) return;
        _stalled.TrySetResult();
        await _release.Task.WaitAsync(ct);
    }
}

public class OutboxPublishPathTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_event_published_by_the_outbox_reaches_a_MassTransit_consumer_started_later_with_its_event_id_as_message_id()
    {
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("outbox-path");
        var publisherDb = await MessagingHost.CreateDatabaseAsync(servers, "outbox_path_pub");
        var consumerDb = await MessagingHost.CreateDatabaseAsync(servers, "outbox_path_con");
        await using var publisher = await MessagingHost.StartPublisherAsync(publisherDb, bus);

        // Published before any consumer exists: the outbox declares the consumer's queue and bindings itself (ADR 24)...
        await publisher.AddNoteAsync("before any consumer");
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb,
            "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NOT NULL") == 1, Bound, "the first event to be dispatched");

        // ...and MassTransit, starting afterwards, declares the same without complaint and takes what waits there.
        await using (var first = await MessagingHost.StartConsumerAsync(consumerDb, bus))
        {
            await first.WaitUntilReadyAsync();
            await Eventually.TrueAsync(() => first.Deliveries.Count == 1, Bound, "the event published before the consumer existed");
        }

        // Published while no consumer runs: it waits in the durable queue for the consumer started after it.
        var note = await publisher.AddNoteAsync("while the consumer is stopped");
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb,
            "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NOT NULL") == 2, Bound, "the second event to be dispatched");
        Guid eventId;
        await using (var conn = new NpgsqlConnection(publisherDb))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"SELECT id FROM outbox_messages WHERE body::jsonb->>'noteId' = '{note.Id}'", conn);
            eventId = (Guid)(await cmd.ExecuteScalarAsync())!;
        }

        await using var consumer = await MessagingHost.StartConsumerAsync(consumerDb, bus);
        await Eventually.TrueAsync(() => consumer.Deliveries.Count >= 1, Bound, "the waiting event to be consumed");
        consumer.Deliveries.Seen.Should().ContainSingle("the first event was taken by the first consumer");
        var (messageId, contentType, message) = consumer.Deliveries.Seen.Single();
        messageId.Should().Be(eventId, "the MessageId on the bus is the outbox row's EventId");
        message.EventId.Should().Be(eventId);
        message.NoteId.Should().Be(note.Id);
        message.TenantId.Should().Be(note.TenantId);
        message.Text.Should().Be("while the consumer is stopped");
        contentType.Should().Be("application/vnd.masstransit+json");
        await using (var db = MessagingHost.Open(consumerDb))
            (await db.NoteLogs.OrderBy(l => l.Text).Select(l => l.Text).ToListAsync()).Should().Equal("before any consumer", "while the consumer is stopped");
        (await MessagingHost.ScalarAsync(consumerDb, $"SELECT count(*) FROM inbox_messages WHERE message_id = '{eventId}'")).Should().Be(1);
    }
}
