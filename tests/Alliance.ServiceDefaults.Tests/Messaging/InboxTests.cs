using Alliance.ServiceDefaults.Messaging;
using Alliance.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.ServiceDefaults.Tests.Messaging;

public class InboxTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_message_delivered_twice_takes_effect_once()
    {
        await using var consumer = await MessagingHost.StartReadyConsumerAsync("inbox-twice");
        var publisher = consumer.Services.GetRequiredService<IBus>();

        var evt = NoteAdded.For(new Note { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), Text = "twice" });
        await publisher.Publish(evt, c => c.MessageId = evt.EventId);
        await publisher.Publish(evt, c => c.MessageId = evt.EventId);

        await Eventually.TrueAsync(() => consumer.Deliveries.Count == 2, Bound, "both deliveries");
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs")).Should().Be(1);
        (await MessagingHost.ScalarAsync(consumer.Database, $"SELECT count(*) FROM inbox_messages WHERE message_id = '{evt.EventId}'")).Should().Be(1);
    }

    [Fact]
    public async Task Two_replicas_on_one_queue_apply_each_message_once_however_often_it_arrives()
    {
        const int events = 40;
        const int copies = 3;
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("inbox-replicas");
        var consumerDb = await MessagingHost.CreateDatabaseAsync(servers, "inbox_replicas");
        var oneAtATime = new Dictionary<string, string?> { ["Messaging:PrefetchCount"] = "4" };
        await using var replica1 = await MessagingHost.StartConsumerAsync(consumerDb, bus, oneAtATime);
        await using var replica2 = await MessagingHost.StartConsumerAsync(consumerDb, bus, oneAtATime);
        await Task.WhenAll(replica1.WaitUntilReadyAsync(), replica2.WaitUntilReadyAsync());
        var publisher = replica1.Services.GetRequiredService<IBus>();

        // Each event's copies go out back to back, so the replicas usually hold copies of one message at the same time.
        var published = new List<Task>();
        for (var i = 0; i < events; i++)
        {
            var evt = NoteAdded.For(new Note { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), Text = $"note {i}" });
            for (var c = 0; c < copies; c++) published.Add(publisher.Publish(evt, ctx => ctx.MessageId = evt.EventId));
        }
        await Task.WhenAll(published);

        await Eventually.TrueAsync(() => replica1.Deliveries.Count + replica2.Deliveries.Count == events * copies, Bound, "every copy to be delivered");
        replica1.Deliveries.Count.Should().BeGreaterThan(0, "both replicas compete on the one queue");
        replica2.Deliveries.Count.Should().BeGreaterThan(0, "both replicas compete on the one queue");
        (await MessagingHost.ScalarAsync(consumerDb, "SELECT count(*) FROM note_logs")).Should().Be(events);
        (await MessagingHost.ScalarAsync(consumerDb, "SELECT count(DISTINCT note_id) FROM note_logs")).Should().Be(events);
        (await MessagingHost.ScalarAsync(consumerDb, "SELECT count(*) FROM inbox_messages")).Should().Be(events);
    }

    [Fact]
    public async Task Messages_consumed_together_share_a_transaction_yet_a_failing_one_faults_alone()
    {
        const int events = 60;
        await using var consumer = await MessagingHost.StartReadyConsumerAsync("inbox-batch", new() { ["Messaging:PrefetchCount"] = "32" });
        var publisher = consumer.Services.GetRequiredService<IBus>();
        var replayer = new ErrorQueueReplayer(new Uri(consumer.Bus));

        // Published back to back, so the consumer holds many at once; each twice, and one poison pill among them.
        var sent = new List<NoteAdded>();
        for (var i = 0; i < events; i++)
            sent.Add(NoteAdded.For(new Note { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), Text = i == events / 2 ? "poison in a batch" : $"note {i}" }));
        await Task.WhenAll(sent.Concat(sent).Select(e => publisher.Publish(e, c => c.MessageId = e.EventId)));

        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs") >= events - 1, Bound, "the good events");
        await Eventually.TrueAsync(async () => await replayer.CountAsync(MessagingHost.ConsumerQueue) == 2, Bound, "both copies of the poison pill in the error queue");
        await Eventually.TrueAsync(() => consumer.Deliveries.Count == 2 * (events - 1), Bound, "every good copy to be delivered");
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs")).Should().Be(events - 1);
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(DISTINCT note_id) FROM note_logs")).Should().Be(events - 1);
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM inbox_messages")).Should().Be(events - 1);
        (await replayer.PeekAsync(MessagingHost.ConsumerQueue)).Select(m => m.Body).Should().AllSatisfy(b => b.Should().Contain("poison in a batch"));
    }
}
