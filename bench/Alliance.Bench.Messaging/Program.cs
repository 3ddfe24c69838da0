using Alliance.Bench.Messaging;
using System.Collections.Concurrent;
using System.Diagnostics;
using Alliance.Testing.Servers;
using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

// Uses ConnectionStrings__pg / ConnectionStrings__bus when set, else starts PostgreSQL and RabbitMQ of its own.
var events = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var root = Path.Combine(Path.GetTempPath(), "alliance-bench-" + Guid.NewGuid().ToString("N")[..8]);
var owned = new List<IInfrastructureServer>();
var pg = Environment.GetEnvironmentVariable("ConnectionStrings__pg");
var bus = Environment.GetEnvironmentVariable("ConnectionStrings__bus");
try
{
    if (string.IsNullOrEmpty(pg))
    {
        var server = new PostgresServer(Path.Combine(root, "pg"), FreePort.Next());
        owned.Add(server);
        await server.StartAsync();
        pg = server.ConnectionString;
    }
    if (string.IsNullOrEmpty(bus))
    {
        var server = new RabbitMqServer(Path.Combine(root, "rabbitmq"), FreePort.Next(), "alliance-bench");
        owned.Add(server);
        await server.StartAsync();
        bus = server.ConnectionString;
    }
    Console.WriteLine($"{events:N0} events; PostgreSQL and RabbitMQ on loopback; {Environment.ProcessorCount} cores");

    var raw = await RawBench.RunAsync(bus, events);
    Print("raw RabbitMQ.Client publish (persistent, confirms)", raw.PublishRate);
    Print("raw end to end (publish + consume, manual ack)", raw.EndToEndRate, raw.Lag);

    var outbox = await OutboxBench.RunAsync(pg, bus, events, raw.EndToEndRate / 2);
    Print("outbox write (EF SaveChanges, 1,000 a transaction)", outbox.WriteRate);
    Print("outbox dispatch of a backlog (claim, publish, confirm, mark)", outbox.DispatchRate);
    Print("outbox -> idempotent consumer into PostgreSQL, backlog", outbox.BacklogEndToEndRate);
    Print($"live: write + dispatch + consume ({outbox.LiveEvents:N0} events)", outbox.LiveRate, outbox.LiveLag);
    foreach (var paced in outbox.Paced)
        Print($"paced at {paced.Offered:N0}/s offered ({paced.Why})", paced.Rate, paced.Lag);

    Console.WriteLine();
    Console.WriteLine($"ratio dispatch / raw publish:        {outbox.DispatchRate / raw.PublishRate:0.00}");
    Console.WriteLine($"ratio outbox e2e / raw e2e (backlog): {outbox.BacklogEndToEndRate / raw.EndToEndRate:0.00}");
}
finally
{
    foreach (var server in owned) await server.StopAsync();
    try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
}

static void Print(string what, double rate, Lag? lag = null) =>
    Console.WriteLine($"{what,-62} {rate,10:N0} events/s{(lag is { } l ? $"   lag p50 {l.P50:0.0} ms, p99 {l.P99:0.0} ms" : "")}");

namespace Alliance.Bench.Messaging
{
public readonly record struct Lag(double P50, double P99)
{
    public static Lag Of(IEnumerable<double> millis)
    {
        var sorted = millis.Order().ToArray();
        if (sorted.Length == 0) return new(double.NaN, double.NaN);
        return new(sorted[(int)(sorted.Length * 0.50)], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
    }
}

static class RawBench
{
    public static async Task<(double PublishRate, double EndToEndRate, Lag Lag)> RunAsync(string bus, int events)
    {
        const string queue = "bench-raw";
        var factory = new ConnectionFactory { Uri = new Uri(bus) };
        await using var consumerConnection = await factory.CreateConnectionAsync();
        await using var publisherConnection = await factory.CreateConnectionAsync();
        await using var consumerChannel = await consumerConnection.CreateChannelAsync();
        await consumerChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consumerChannel.QueuePurgeAsync(queue);
        await consumerChannel.BasicQosAsync(0, 200, false);

        var lags = new double[events];
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, e) =>
        {
            var sent = (long)e.BasicProperties.Headers!["ts"]!;
            var n = Interlocked.Increment(ref received);
            if (n <= events) lags[n - 1] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            await consumerChannel.BasicAckAsync(e.DeliveryTag, false);
            if (n == events) done.TrySetResult();
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        await using var channel = await publisherConnection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var body = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(Sample()));
        var start = Stopwatch.GetTimestamp();
        const int window = 1000;
        var inFlight = new List<Task>(window);
        for (var i = 0; i < events; i++)
        {
            var props = new BasicProperties
            {
                Persistent = true, MessageId = Guid.NewGuid().ToString(), ContentType = "application/json",
                Headers = new Dictionary<string, object?> { ["ts"] = Stopwatch.GetTimestamp() },
            };
            inFlight.Add(channel.BasicPublishAsync("", queue, mandatory: false, props, body).AsTask());
            if (inFlight.Count == window) { await Task.WhenAll(inFlight); inFlight.Clear(); }
        }
        await Task.WhenAll(inFlight);
        var published = Stopwatch.GetElapsedTime(start);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
        var consumed = Stopwatch.GetElapsedTime(start);
        await consumerChannel.QueueDeleteAsync(queue);
        return (events / published.TotalSeconds, events / consumed.TotalSeconds, Lag.Of(lags));
    }

    static object Sample() => new BenchEventHappened(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow, 1, "a bench event of typical size");
}

static class OutboxBench
{
    public readonly record struct Paced(string Why, double Offered, double Rate, Lag Lag);

    public static async Task<(double WriteRate, double DispatchRate, double BacklogEndToEndRate, int LiveEvents, double LiveRate, Lag LiveLag, List<Paced> Paced)>
        RunAsync(string pg, string bus, int events, double targetRate)
    {
        var publisherDb = await CreateDatabaseAsync(pg, "bench_pub");
        var consumerDb = await CreateDatabaseAsync(pg, "bench_con");

        // Backlog: write everything first, then time the dispatcher draining it and the consumer taking it in.
        var start = Stopwatch.GetTimestamp();
        await WriteAsync(publisherDb, events, 1000);
        var writeRate = events / Stopwatch.GetElapsedTime(start).TotalSeconds;

        var probe = new BenchProbe();
        using var consumer = await StartHostAsync(consumerDb, bus, "benchconsumer", probe, consumes: true);
        await WaitReadyAsync(consumer);
        probe.Expect(events);
        start = Stopwatch.GetTimestamp();
        double dispatchRate;
        using (var publisher = await StartHostAsync(publisherDb, bus, "benchpublisher", probe, consumes: false))
        {
            await WaitUntilAsync(async () => await ScalarAsync(publisherDb, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0);
            dispatchRate = events / Stopwatch.GetElapsedTime(start).TotalSeconds;
            await probe.Done.WaitAsync(TimeSpan.FromMinutes(10));
            var backlogRate = events / Stopwatch.GetElapsedTime(start).TotalSeconds;
            var received = await ScalarAsync(consumerDb, "SELECT count(*) FROM bench_received");
            if (received != events) throw new InvalidOperationException($"Consumer counted {received}, expected {events}");

            // Live: the writer, the dispatcher and the consumer all running at once; lag from OccurredAt to the consumer's handling.
            var live = Math.Max(1000, events / 5);
            probe.Expect(live);
            start = Stopwatch.GetTimestamp();
            await WriteThroughHostAsync(publisher, live, 100);
            await probe.Done.WaitAsync(TimeSpan.FromMinutes(10));
            var liveRate = live / Stopwatch.GetElapsedTime(start).TotalSeconds;
            var liveLag = Lag.Of(probe.Lags);

            // Paced: written at a steady rate, 100 a transaction; the lag target applies at half the raw rate, and the
            // same is measured at half our own backlog rate to show the lag when the pipeline is not saturated.
            var paced = new List<Paced>();
            foreach (var (why, rate) in new[] { ("half the raw e2e rate: the target", targetRate), ("half our backlog e2e rate", backlogRate / 2) })
            {
                var count = Math.Max(1000, (int)Math.Min(live, rate * 10)); // about 10 s of writing
                probe.Expect(count);
                start = Stopwatch.GetTimestamp();
                await WriteThroughHostAsync(publisher, count, 100, rate);
                await probe.Done.WaitAsync(TimeSpan.FromMinutes(10));
                paced.Add(new Paced(why, rate, count / Stopwatch.GetElapsedTime(start).TotalSeconds, Lag.Of(probe.Lags)));
            }
            return (writeRate, dispatchRate, backlogRate, live, liveRate, liveLag, paced);
        }
    }

    static async Task WriteAsync(string database, int events, int perTransaction)
    {
        var options = new DbContextOptionsBuilder<BenchDb>().UseNpgsql(database).Options;
        for (var written = 0; written < events; written += perTransaction)
        {
            await using var db = new BenchDb(options);
            for (var i = 0; i < Math.Min(perTransaction, events - written); i++)
                db.AddIntegrationEvent(new BenchEventHappened(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow, written + i, "a bench event of typical size"));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Writes as a service does: through the host's DbContext, whose SaveChanges wakes the dispatcher.</summary>
    static async Task WriteThroughHostAsync(IHost host, int events, int perTransaction, double? perSecond = null)
    {
        var start = Stopwatch.GetTimestamp();
        for (var written = 0; written < events; written += perTransaction)
        {
            if (perSecond is { } rate && TimeSpan.FromSeconds(written / rate) - Stopwatch.GetElapsedTime(start) is { Ticks: > 0 } wait)
                await Task.Delay(wait);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BenchDb>();
            for (var i = 0; i < Math.Min(perTransaction, events - written); i++)
                db.AddIntegrationEvent(new BenchEventHappened(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow, written + i, "a bench event of typical size"));
            await db.SaveChangesAsync();
        }
    }

    static async Task<IHost> StartHostAsync(string database, string bus, string service, BenchProbe probe, bool consumes)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = service, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Bus}"] = bus,
            ["Messaging:PrefetchCount"] = "64",
            ["Messaging:Outbox:Enabled"] = consumes ? "false" : "true",
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning).AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", Microsoft.Extensions.Logging.LogLevel.None);
        builder.Services.AddDbContext<BenchDb>(o => o.UseNpgsql(database));
        builder.Services.AddSingleton(probe);
        builder.AddServiceMessaging<BenchDb>(consumes ? x => x.AddConsumer<BenchEventCounter>() : null,
            new EventSubscriptions([new Subscription("benchconsumer", typeof(BenchEventHappened))]));
        var host = builder.Build();
        if (consumes) host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(probe);
        await host.StartAsync();
        return host;
    }

    static Task WaitReadyAsync(IHost host) => WaitUntilAsync(async () =>
        (await host.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>()
            .CheckHealthAsync(r => r.Tags.Contains("ready"))).Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);

    static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException();
            await Task.Delay(20);
        }
    }

    static async Task<string> CreateDatabaseAsync(string pg, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await using (var conn = new NpgsqlConnection(pg))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(pg) { Database = name, MaxPoolSize = 200 }.ConnectionString;
        await using var db = new BenchDb(new DbContextOptionsBuilder<BenchDb>().UseNpgsql(cs).Options);
        await db.Database.EnsureCreatedAsync();
        return cs;
    }

    static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}

public sealed record BenchEventHappened(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, long Sequence, string Text) : IIntegrationEvent;

public sealed class BenchDb(DbContextOptions<BenchDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BenchReceived>(e =>
        {
            e.ToTable("bench_received");
            e.HasKey(r => r.EventId);
            e.Property(r => r.EventId).HasColumnName("event_id");
            e.Property(r => r.Sequence).HasColumnName("sequence");
        });
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

public sealed class BenchReceived
{
    public Guid EventId { get; set; }
    public long Sequence { get; set; }
}

/// <summary>Counts events whose consumer transaction committed, and their lag from OccurredAt.</summary>
public sealed class BenchProbe : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is BenchEventHappened e) Handled(e.OccurredAt);
        if (context.Message is EventBatch<BenchEventHappened> batch)
            foreach (var b in batch.Events) Handled(b.OccurredAt);
        return Task.CompletedTask;
    }

    int _expected;
    int _count;
    TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public ConcurrentBag<double> Lags { get; private set; } = [];
    public Task Done => _done.Task;

    public void Expect(int count)
    {
        Lags = [];
        _count = 0;
        _expected = count;
        _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Handled(DateTimeOffset occurredAt)
    {
        Lags.Add((DateTimeOffset.UtcNow - occurredAt).TotalMilliseconds);
        if (Interlocked.Increment(ref _count) == _expected) _done.TrySetResult();
    }
}

public sealed class BenchEventCounter(BenchDb db) : IdempotentConsumer<BenchDb, BenchEventHappened>(db)
{
    protected override Task HandleAsync(BenchEventHappened message, BenchDb db, CancellationToken ct)
    {
        db.Add(new BenchReceived { EventId = message.EventId, Sequence = message.Sequence });
        return Task.CompletedTask;
    }
}
}
