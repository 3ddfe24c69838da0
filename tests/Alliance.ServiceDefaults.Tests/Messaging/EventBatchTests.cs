using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Messaging;
using Alliance.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.ServiceDefaults.Tests.Messaging;

/// <summary>Events of one type sent together (EventBatch): by the outbox, taken once each, failing one by one.</summary>
public class EventBatchTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Events_written_together_travel_in_batches_and_each_is_applied_once()
    {
        await using var consumer = await MessagingHost.StartReadyConsumerAsync("event-batch");
        var publisherDb = await MessagingHost.CreateDatabaseAsync(await RealServers.GetAsync(), "event_batch_pub");

        // 250 events committed before the dispatcher starts: it finds them all at once.
        const int events = 250;
        var written = new List<NoteAdded>();
        await using (var db = MessagingHost.Open(publisherDb))
        {
            for (var i = 0; i < events; i++)
            {
                var note = new Note { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), Text = $"note {i}" };
                db.Notes.Add(note);
                var e = NoteAdded.For(note);
                db.AddIntegrationEvent(e);
                written.Add(e);
            }
            await db.SaveChangesAsync();
        }
        await using var publisher = await MessagingHost.StartPublisherAsync(publisherDb, consumer.Bus);

        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs") == events, Bound, "every note to be logged");
        consumer.Deliveries.Batches.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(events / 2, "events of one type went together");
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM inbox_messages")).Should().Be(events);
        var ids = string.Join(",", written.Select(e => $"'{e.EventId}'"));
        (await MessagingHost.ScalarAsync(consumer.Database, $"SELECT count(*) FROM inbox_messages WHERE message_id IN ({ids})"))
            .Should().Be(events, "each event is taken by its own EventId");
        // The dispatcher marks its rows once the broker has confirmed them, which may come after the consumer has applied them.
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0,
            Bound, "every outbox row to be marked dispatched");

        // The same batch delivered again (a redelivery after a lost acknowledgement) changes nothing.
        await consumer.Services.GetRequiredService<IBus>().Publish(new EventBatch<NoteAdded>(written.Take(100).ToList()));
        await Eventually.TrueAsync(() => consumer.Deliveries.Count == events + 100, Bound, "the repeated batch to be consumed");
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs")).Should().Be(events);
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM inbox_messages")).Should().Be(events);
    }

    [Fact]
    public async Task Events_batched_by_their_writer_are_a_few_outbox_rows_and_each_is_applied_once()
    {
        await using var consumer = await MessagingHost.StartReadyConsumerAsync("event-batch-rows");
        var publisherDb = await MessagingHost.CreateDatabaseAsync(await RealServers.GetAsync(), "event_batch_rows_pub");
        var (tenant, other) = (Guid.NewGuid(), Guid.NewGuid());
        const int events = IntegrationEventBatch.MaxEventsPerRow + 500;
        var written = new List<NoteAdded>();
        await using (var db = MessagingHost.Open(publisherDb))
        {
            using (var batch = db.BatchIntegrationEvents())
            {
                foreach (var (i, owner) in Enumerable.Range(0, events).Select(i => (i, tenant)).Append((events, other)))
                {
                    var note = new Note { Id = Guid.NewGuid(), TenantId = owner, Text = $"imported note {i}" };
                    db.Notes.Add(note);
                    var e = NoteAdded.For(note);
                    db.AddIntegrationEvent(e);
                    written.Add(e);
                }
                batch.Count.Should().Be(events + 1);
                batch.Flush().Should().Be(3, "one row per thousand events of a type and tenant, and the other tenant's lone event");
            }
            await db.SaveChangesAsync();
        }
        (await MessagingHost.ScalarAsync(publisherDb, $"SELECT count(*) FROM outbox_messages WHERE tenant_id = '{tenant}' AND message_type LIKE 'Alliance.Contracts.Events.EventBatch%'")).Should().Be(2);
        (await MessagingHost.ScalarAsync(publisherDb, $"SELECT sum(jsonb_array_length(body::jsonb->'events')) FROM outbox_messages WHERE tenant_id = '{tenant}'")).Should().Be(events);
        (await MessagingHost.ScalarAsync(publisherDb, $"SELECT count(*) FROM outbox_messages WHERE tenant_id = '{other}' AND id = '{written[^1].EventId}' AND message_type NOT LIKE '%EventBatch%'"))
            .Should().Be(1, "a lone event is a row of its own type, under its EventId");

        await using var publisher = await MessagingHost.StartPublisherAsync(publisherDb, consumer.Bus);
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs") == events + 1, Bound, "every note to be logged");
        consumer.Deliveries.Batches.Should().Be(2, "each batch row went as it was, not wrapped again or split");
        consumer.Probe.LargestTogether.Should().Be(IntegrationEventBatch.MaxEventsPerRow, "a batch row's events are handled together, in one transaction");
        var ids = string.Join(",", written.Select(e => $"'{e.EventId}'"));
        (await MessagingHost.ScalarAsync(consumer.Database, $"SELECT count(*) FROM inbox_messages WHERE message_id IN ({ids})")).Should().Be(events + 1, "each event is taken by its own EventId");
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0,
            Bound, "every outbox row to be marked dispatched");
    }

    [Fact]
    public async Task Events_of_a_batch_that_is_not_flushed_are_dropped_with_it_and_later_events_are_rows_again()
    {
        var publisherDb = await MessagingHost.CreateDatabaseAsync(await RealServers.GetAsync(), "event_batch_dropped");
        var tenant = Guid.NewGuid();
        await using var db = MessagingHost.Open(publisherDb);
        NoteAdded Added(string text) => NoteAdded.For(new Note { Id = Guid.NewGuid(), TenantId = tenant, Text = text });
        using (var batch = db.BatchIntegrationEvents())
        {
            db.AddIntegrationEvent(Added("rolled back"));
            var again = () => db.BatchIntegrationEvents();
            again.Should().Throw<InvalidOperationException>("one batch at a time on a context");
        }
        var kept = Added("kept");
        db.AddIntegrationEvent(kept);
        await db.SaveChangesAsync();
        (await MessagingHost.ScalarAsync(publisherDb, $"SELECT count(*) FROM outbox_messages WHERE tenant_id = '{tenant}'")).Should().Be(1);
        (await MessagingHost.ScalarAsync(publisherDb, $"SELECT count(*) FROM outbox_messages WHERE id = '{kept.EventId}'")).Should().Be(1);
    }

    [Fact]
    public async Task A_failing_event_leaves_its_batch_alone_and_reaches_the_error_queue_by_itself()
    {
        await using var consumer = await MessagingHost.StartReadyConsumerAsync("event-batch-poison");
        var replayer = new ErrorQueueReplayer(new Uri(consumer.Bus));

        NoteAdded Note(string text) => NoteAdded.For(new Note { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), Text = text });
        var poison = Note("poison in a batch");
        var batch = new EventBatch<NoteAdded>([Note("first"), poison, Note("third")]);
        await consumer.Services.GetRequiredService<IBus>().Publish(batch);

        await Eventually.TrueAsync(async () => await replayer.CountAsync(MessagingHost.ConsumerQueue) == 1, Bound, "the poison in the error queue");
        var waiting = await replayer.PeekAsync(MessagingHost.ConsumerQueue);
        waiting.Should().ContainSingle().Which.MessageId.Should().Be(poison.EventId.ToString(), "it failed alone, under its own id");
        waiting[0].Body.Should().Contain("poison in a batch").And.NotContain("third");
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs")).Should().Be(2, "the batch's other events stay applied");
        (await MessagingHost.ScalarAsync(consumer.Database, $"SELECT count(*) FROM inbox_messages WHERE message_id = '{poison.EventId}'")).Should().Be(0);

        consumer.Probe.RefusePoison = false;
        (await replayer.ReplayAsync(MessagingHost.ConsumerQueue)).Should().Be(1);
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs") == 3, Bound, "the replayed event to be applied");
    }
}
