using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Messaging;
using Alliance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Alliance.ServiceDefaults.Tests.Messaging;

/// <summary>A service host as a test runs it: its own database, the broker, and what AddServiceMessaging wires.</summary>
public sealed class MessagingHost : IAsyncDisposable
{
    public const string PublisherService = "notes";
    public const string ConsumerService = "reporting";
    public const string ConsumerQueue = "reporting-note-added";

    /// <summary>The tests' consumers, in place of Alliance's: the consumer service's NoteAddedConsumer.</summary>
    public static readonly EventSubscriptions NoteSubscriptions = new([new Subscription(ConsumerService, typeof(NoteAdded))]);

    MessagingHost(IHost host, string database, string bus)
    {
        Host = host;
        Database = database;
        Bus = bus;
    }

    public IHost Host { get; }
    public string Database { get; }
    /// <summary>The broker's connection string (the virtual host) the service is on.</summary>
    public string Bus { get; }
    public IServiceProvider Services => Host.Services;
    public DeliveryCounter Deliveries { get; } = new();
    public NoteProbe Probe => Services.GetRequiredService<NoteProbe>();

    /// <summary>A publishing service with the outbox on its NotesDb.</summary>
    public static Task<MessagingHost> StartPublisherAsync(string database, string bus, Action<IServiceCollection>? services = null,
        Dictionary<string, string?>? settings = null, EventSubscriptions? subscriptions = null) =>
        StartAsync(database, bus, PublisherService, consumes: false, services, settings, subscriptions);

    /// <summary>A consuming service (one replica) with NoteAddedConsumer, its inbox in its own NotesDb.</summary>
    public static Task<MessagingHost> StartConsumerAsync(string database, string bus, Dictionary<string, string?>? settings = null) =>
        StartAsync(database, bus, ConsumerService, consumes: true, null, settings, null);

    /// <summary>
    /// A consuming service on a virtual host and a database of its own, both named after <paramref name="name"/>, once its
    /// queues are declared and bound: what most messaging tests start with.
    /// </summary>
    public static async Task<MessagingHost> StartReadyConsumerAsync(string name, Dictionary<string, string?>? settings = null)
    {
        var servers = await RealServers.GetAsync();
        var bus = await servers.CreateVirtualHostAsync(name);
        var consumer = await StartConsumerAsync(await CreateDatabaseAsync(servers, name.Replace('-', '_')), bus, settings);
        await consumer.WaitUntilReadyAsync();
        return consumer;
    }

    static async Task<MessagingHost> StartAsync(string database, string bus, string service, bool consumes,
        Action<IServiceCollection>? services, Dictionary<string, string?>? settings, EventSubscriptions? subscriptions)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = service, EnvironmentName = Environments.Development, DisableDefaults = true,
        });
        var config = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Bus}"] = bus,
            ["Messaging:ServiceName"] = service,
            ["Messaging:RetryLimit"] = "2",
            ["Messaging:RetryMinInterval"] = "00:00:00.050",
            ["Messaging:RetryMaxInterval"] = "00:00:00.200",
            ["Messaging:Outbox:RetryMinDelay"] = "00:00:00.200",
            ["Messaging:Outbox:RetryMaxDelay"] = "00:00:01",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:03",
        };
        foreach (var (k, v) in settings ?? []) config[k] = v;
        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddDbContext<NotesDb>(o => o.UseNpgsql(database));
        builder.Services.AddSingleton<NoteProbe>();
        builder.AddServiceMessaging<NotesDb>(consumes ? x => x.AddConsumer<NoteAddedConsumer>() : null, subscriptions ?? NoteSubscriptions);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        var result = new MessagingHost(host, database, bus);
        host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(result.Deliveries);
        await host.StartAsync();
        return result;
    }

    /// <summary>Waits until the bus health check (tagged ready) reports healthy: queues are declared and bound.</summary>
    public Task WaitUntilReadyAsync() => Eventually.TrueAsync(async () =>
    {
        var report = await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));
        return report.Status == HealthStatus.Healthy;
    }, TimeSpan.FromSeconds(60), "the bus to be ready");

    /// <summary>Writes a note and its event in one SaveChanges, as a service's command handler does.</summary>
    public async Task<Note> AddNoteAsync(string text)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
        var note = new Note { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), Text = text };
        db.Notes.Add(note);
        db.AddIntegrationEvent(NoteAdded.For(note));
        await db.SaveChangesAsync();
        return note;
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await Host.StopAsync(cts.Token); } catch (OperationCanceledException) { }
        Host.Dispose();
    }

    public static async Task<string> CreateDatabaseAsync(Testing.RealServers servers, string prefix)
    {
        var cs = await servers.CreateDatabaseAsync(prefix);
        await using var db = Open(cs);
        await db.Database.EnsureCreatedAsync();
        return cs;
    }

    public static NotesDb Open(string database) => new(new DbContextOptionsBuilder<NotesDb>().UseNpgsql(database).Options);

    public static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}

/// <summary>Waits on a condition with a bound; never on time alone.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        var deadline = DateTime.UtcNow + bound;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try { if (await condition()) return; last = null; }
            catch (Exception ex) { last = ex; }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Waited {bound.TotalSeconds:0} s for {what}", last);
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan bound, string what) =>
        TrueAsync(() => Task.FromResult(condition()), bound, what);
}
