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
        (await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL")).Should().Be(0);

        // The same batch delivered again (a redelivery after a lost acknowledgement) changes nothing.
        await consumer.Services.GetRequiredService<IBus>().Publish(new EventBatch<NoteAdded>(written.Take(100).ToList()));
        await Eventually.TrueAsync(() => consumer.Deliveries.Count == events + 100, Bound, "the repeated batch to be consumed");
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs")).Should().Be(events);
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM inbox_messages")).Should().Be(events);
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
