using Alliance.Testing.Servers;
using Alliance.Testing;

namespace Alliance.ServiceDefaults.Tests.Messaging;

public class BrokerOutageTests
{
    [Fact]
    public async Task Writes_succeed_while_the_broker_is_down_and_their_events_arrive_once_it_is_back()
    {
        const int duringOutage = 20;
        var servers = await RealServers.GetAsync();
        var dir = Path.Combine(Path.GetTempPath(), "alliance-outage-" + Guid.NewGuid().ToString("N")[..8]);
        var broker = new RabbitMqServer(dir, FreePort.Next(), "alliance-outage");
        try
        {
            await broker.StartAsync();
            var publisherDb = await MessagingHost.CreateDatabaseAsync(servers, "outage_pub");
            var consumerDb = await MessagingHost.CreateDatabaseAsync(servers, "outage_con");
            await using var consumer = await MessagingHost.StartConsumerAsync(consumerDb, broker.ConnectionString);
            await using var publisher = await MessagingHost.StartPublisherAsync(publisherDb, broker.ConnectionString);
            await consumer.WaitUntilReadyAsync();
            await publisher.AddNoteAsync("before the outage");
            await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumerDb, "SELECT count(*) FROM note_logs") == 1,
                TimeSpan.FromSeconds(60), "the first event");

            await broker.StopAsync();
            for (var i = 0; i < duringOutage; i++) await publisher.AddNoteAsync($"during the outage {i}");
            (await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM notes")).Should().Be(1 + duringOutage);
            (await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL")).Should().Be(duringOutage);

            await broker.StartAsync();
            await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumerDb, "SELECT count(*) FROM note_logs") >= 1 + duringOutage,
                TimeSpan.FromSeconds(120), "the events written during the outage");
            await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0,
                TimeSpan.FromSeconds(60), "the outbox to drain");
            (await MessagingHost.ScalarAsync(consumerDb, "SELECT count(*) FROM note_logs")).Should().Be(1 + duringOutage);
            (await MessagingHost.ScalarAsync(consumerDb, "SELECT count(DISTINCT note_id) FROM note_logs")).Should().Be(1 + duringOutage);
        }
        finally
        {
            await broker.StopAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
