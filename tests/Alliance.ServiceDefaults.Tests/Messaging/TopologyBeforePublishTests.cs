using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Messaging;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using RabbitMQ.Client;

namespace Alliance.ServiceDefaults.Tests.Messaging;

/// <summary>
/// The outbox declares the consumers' queues and bindings (EventSubscriptions) before it publishes, so nothing published
/// is lost whichever starts first (ADR 24).
/// </summary>
public class TopologyBeforePublishTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Events_published_before_any_consumer_ever_ran_reach_the_MassTransit_consumer_started_afterwards()
    {
        const int before = 25;
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("topology-first");
        var publisherDb = await MessagingHost.CreateDatabaseAsync(servers, "topology_first_pub");
        var consumerDb = await MessagingHost.CreateDatabaseAsync(servers, "topology_first_con");
        await using var publisher = await MessagingHost.StartPublisherAsync(publisherDb, bus);

        // Nothing has ever consumed on this virtual host: the outbox's declaration is all there is.
        for (var i = 0; i < before; i++) await publisher.AddNoteAsync($"before the consumer {i}");
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb,
            "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NOT NULL") == before, Bound, "every event to be dispatched");

        // MassTransit declares the same queue, exchanges and bindings without complaint, and finds the events waiting.
        await using var consumer = await MessagingHost.StartConsumerAsync(consumerDb, bus);
        await consumer.WaitUntilReadyAsync();
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumerDb, "SELECT count(*) FROM note_logs") == before,
            Bound, "the events published before the consumer existed");
        var after = await publisher.AddNoteAsync("after the consumer started");
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumerDb,
            $"SELECT count(*) FROM note_logs WHERE note_id = '{after.Id}'") == 1, Bound, "an event published once the consumer runs");

        (await MessagingHost.ScalarAsync(consumerDb, "SELECT count(*) FROM note_logs")).Should().Be(before + 1);
        (await MessagingHost.ScalarAsync(consumerDb, "SELECT count(DISTINCT note_id) FROM note_logs")).Should().Be(before + 1);
        (await MessagingHost.ScalarAsync(publisherDb, "SELECT count(*) FROM outbox_messages WHERE attempts <> 1"))
            .Should().Be(0, "no publish was returned: the queue existed before the first one");
    }

    [Fact]
    public async Task The_outbox_declares_for_a_consumer_what_MassTransit_declares_for_it()
    {
        var servers = await RealServers.GetAsync();
        var broker = servers.RabbitMq;
        if (broker is null) return; // an external broker: no rabbitmqctl to list it with
        var declaredByOutbox = await servers.CreateVirtualHostAsync("topology-outbox");
        var declaredByMassTransit = await servers.CreateVirtualHostAsync("topology-masstransit");

        await using (var publisher = await MessagingHost.StartPublisherAsync(await MessagingHost.CreateDatabaseAsync(servers, "topology_outbox"), declaredByOutbox))
        {
            await publisher.AddNoteAsync("declares the consumer's topology");
            await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisher.Database,
                "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NOT NULL") == 1, Bound, "the event to be dispatched");
        }
        await using (var consumer = await MessagingHost.StartConsumerAsync(await MessagingHost.CreateDatabaseAsync(servers, "topology_mt"), declaredByMassTransit))
            await consumer.WaitUntilReadyAsync();

        var ours = await BrokerEntities.ListAsync(broker, declaredByOutbox);
        var theirs = await BrokerEntities.ListAsync(broker, declaredByMassTransit);

        theirs.Should().Contain(e => e.StartsWith("queue reporting-note-added ", StringComparison.Ordinal), "MassTransit declared its endpoint");
        theirs.Should().Contain(e => e.StartsWith("binding Alliance.ServiceDefaults.Tests.Messaging:NoteAdded reporting-note-added exchange", StringComparison.Ordinal));
        theirs.Should().Contain(e => e.Contains("EventBatch", StringComparison.Ordinal), "the consumer takes EventBatch<NoteAdded> too");
        ours.Should().Contain(theirs, $"(declared by MassTransit:\n{string.Join('\n', theirs)}\nby the outbox:\n{string.Join('\n', ours)})\nevery durable queue, exchange and binding MassTransit declares for the consumer, with the same type, " +
            "flags and arguments, exists once the outbox has published");
    }

    [Fact]
    public async Task An_event_the_broker_returns_is_not_marked_dispatched_and_goes_once_its_queue_is_declared_again()
    {
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("topology-returned");
        var publisherDb = await MessagingHost.CreateDatabaseAsync(servers, "topology_returned_pub");
        var consumerDb = await MessagingHost.CreateDatabaseAsync(servers, "topology_returned_con");
        var warnings = new WarningLog();
        await using var publisher = await MessagingHost.StartPublisherAsync(publisherDb, bus, services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(warnings));
        await publisher.AddNoteAsync("declares the queue");
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb,
            "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NOT NULL") == 1, Bound, "the first event to be dispatched");

        // Someone deletes the consumer's queue behind the publisher's back (its connection declared it already).
        await DeleteQueueAsync(bus, MessagingHost.ConsumerQueue);
        var note = await publisher.AddNoteAsync("returned once");

        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb,
            $"SELECT count(*) FROM outbox_messages WHERE body::jsonb->>'noteId' = '{note.Id}' AND dispatched_at IS NOT NULL") == 1,
            Bound, "the returned event to be sent again and confirmed");
        (await MessagingHost.ScalarAsync(publisherDb, $"SELECT attempts FROM outbox_messages WHERE body::jsonb->>'noteId' = '{note.Id}'"))
            .Should().BeGreaterThan(1, "the first attempt was returned by the broker and not counted as dispatched");
        warnings.Messages.Where(m => m.Contains("returned", StringComparison.Ordinal) && m.Contains(nameof(NoteAdded), StringComparison.Ordinal))
            .Should().ContainSingle("the return is logged once, naming the event type");

        await using var consumer = await MessagingHost.StartConsumerAsync(consumerDb, bus);
        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumerDb, "SELECT count(*) FROM note_logs") >= 1, Bound, "the returned event");
        await using var db = MessagingHost.Open(consumerDb);
        (await db.NoteLogs.Select(l => l.Text).ToListAsync()).Should().Equal("returned once");
    }

    [Fact]
    public async Task An_event_type_that_nothing_consumes_is_dispatched_without_waiting_for_a_consumer()
    {
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("topology-unconsumed");
        var publisherDb = await MessagingHost.CreateDatabaseAsync(servers, "topology_unconsumed");
        await using var publisher = await MessagingHost.StartPublisherAsync(publisherDb, bus, subscriptions: new EventSubscriptions([]));

        await publisher.AddNoteAsync("nobody listens");

        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(publisherDb,
            "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NOT NULL") == 1, Bound, "the event to be dispatched");
        (await MessagingHost.ScalarAsync(publisherDb, "SELECT attempts FROM outbox_messages")).Should().Be(1, "it is not published mandatory, so never returned");
    }

    [Fact]
    public async Task A_consumer_missing_from_the_subscriptions_and_a_subscription_without_its_consumer_each_refuse_to_start()
    {
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync("topology-refused");
        var database = await MessagingHost.CreateDatabaseAsync(servers, "topology_refused");

        var unlisted = await RefusalAsync(database, bus, new EventSubscriptions([]));
        unlisted.Should().Contain("NoteAddedConsumer consumes NoteAdded, but EventSubscriptions names no endpoint");

        var unconsumed = await RefusalAsync(database, bus,
            new EventSubscriptions([new Subscription(MessagingHost.ConsumerService, typeof(NoteAdded)), new Subscription(MessagingHost.ConsumerService, typeof(NoteArchived))]));
        unconsumed.Should().Contain("EventSubscriptions names reporting-note-archived for 'reporting', but no consumer of this service takes it");
    }

    /// <summary>The messages of the exception (and its inner ones) that stopped a consumer host from starting.</summary>
    static async Task<string> RefusalAsync(string database, string bus, EventSubscriptions subscriptions)
    {
        try
        {
            await StartConsumerWithAsync(database, bus, subscriptions);
        }
        catch (Exception e)
        {
            var messages = new List<string>();
            for (Exception? x = e; x is not null; x = x.InnerException) messages.Add(x.Message);
            return string.Join(" | ", messages);
        }
        throw new Xunit.Sdk.XunitException("The consumer host started");
    }

    static async Task StartConsumerWithAsync(string database, string bus, EventSubscriptions subscriptions)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = MessagingHost.ConsumerService, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{Alliance.Contracts.ResourceNames.Bus}"] = bus,
            ["Messaging:ServiceName"] = MessagingHost.ConsumerService,
        });
        builder.Services.AddDbContext<NotesDb>(o => o.UseNpgsql(database));
        builder.Services.AddSingleton<NoteProbe>();
        builder.AddServiceMessaging<NotesDb>(x => x.AddConsumer<NoteAddedConsumer>(), subscriptions);
        using var host = builder.Build();
        try { await host.StartAsync(); }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await host.StopAsync(stop.Token); } catch (Exception) { }
        }
    }

    static async Task DeleteQueueAsync(string bus, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(bus) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
    }
}

public sealed record NoteArchived(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid NoteId) : IIntegrationEvent;

/// <summary>The durable queues, exchanges and bindings of a virtual host, one line each with their flags and arguments.</summary>
static class BrokerEntities
{
    public static async Task<IReadOnlyList<string>> ListAsync(Alliance.Testing.Servers.RabbitMqServer broker, string bus)
    {
        var vhost = Uri.UnescapeDataString(new Uri(bus).AbsolutePath.TrimStart('/'));
        var queues = await broker.CtlAsync("list_queues", "-p", vhost, "--no-table-headers", "--quiet", "name", "durable", "auto_delete", "exclusive", "arguments");
        var exchanges = await broker.CtlAsync("list_exchanges", "-p", vhost, "--no-table-headers", "--quiet", "name", "type", "durable", "auto_delete", "internal", "arguments");
        var bindings = await broker.CtlAsync("list_bindings", "-p", vhost, "--no-table-headers", "--quiet",
            "source_name", "destination_name", "destination_kind", "routing_key", "arguments");
        static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'));
        return
        [
            // Durable only: MassTransit's bus endpoint is a temporary auto-delete queue of its process.
            .. Lines(queues).Where(l => l.Split('\t')[1] == "true").Select(l => "queue " + Normalize(l)),
            .. Lines(exchanges).Where(l => l.Split('\t')[0].Length > 0 && !l.StartsWith("amq.", StringComparison.Ordinal) && l.Split('\t')[2] == "true")
                .Select(l => "exchange " + Normalize(l)),
            // The default exchange's implicit binding of every queue (empty source) is the broker's, not a declaration.
            .. Lines(bindings).Where(l => !l.StartsWith('\t')).Select(l => "binding " + Normalize(l)),
        ];
    }

    static string Normalize(string line) => string.Join(' ', line.Split('\t'));
}

/// <summary>Collects the warnings logged in a host.</summary>
sealed class WarningLog : Microsoft.Extensions.Logging.ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    sealed class Logger(WarningLog log) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Messages.Enqueue(formatter(state, exception));
        }
    }
}
