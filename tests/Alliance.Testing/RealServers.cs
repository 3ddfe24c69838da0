using Alliance.AppHost.Hosting;
using Alliance.AppHost.Infrastructure;
using Alliance.Contracts;
using Npgsql;

namespace Alliance.Testing;

/// <summary>
/// The real PostgreSQL, RabbitMQ and Redis servers for a test run, started once per test process through the AppHost's
/// test entry (resources pg, bus, cache; throw-away data) and shared.
/// Tests isolate themselves by their own database, virtual host or key prefix.
/// When ConnectionStrings__pg / __bus / __cache are set, those external servers are used and nothing is started.
/// </summary>
public sealed class RealServers
{
    static readonly Lazy<Task<RealServers>> SharedInstance = new(StartAsync);
    static readonly string[] Names = [ResourceNames.Postgres, ResourceNames.Bus, ResourceNames.Cache];

    public static Task<RealServers> GetAsync() => SharedInstance.Value;

    public string PostgresConnectionString { get; private set; } = "";
    public string RabbitMqConnectionString { get; private set; } = "";
    public string RedisConnectionString { get; private set; } = "";
    public RabbitMqServer? RabbitMq { get; private set; }

    static async Task<RealServers> StartAsync()
    {
        var app = await DistributedApplicationTestingBuilder.StartAsync(o =>
        {
            o.Resources = Names;
            o.DemoData = false;
            o.Dashboard = false;
            o.DataDirectory = Path.Combine(Path.GetTempPath(), "alliance-tests-" + Guid.NewGuid().ToString("N")[..8]);
            o.DeleteDataOnStop = true;
        });
        // The test entry kills everything at process exit (the test host gives exit handlers little time; the data is thrown away).
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await Task.WhenAll(Names.Select(n => app.WaitForResourceHealthyAsync(n, bound.Token)));
        }
        catch (Exception e)
        {
            var states = app.DescribeUnhealthy();
            app.Kill();
            throw new InvalidOperationException($"The shared test servers did not become healthy:\n{states}", e);
        }
        return new RealServers
        {
            PostgresConnectionString = app.GetConnectionString(ResourceNames.Postgres),
            RabbitMqConnectionString = app.GetConnectionString(ResourceNames.Bus),
            RedisConnectionString = app.GetConnectionString(ResourceNames.Cache),
            RabbitMq = app.GetServer(ResourceNames.Bus) as RabbitMqServer,
        };
    }

    /// <summary>A new, empty database of its own for one test or fixture; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var conn = new NpgsqlConnection(PostgresConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A new RabbitMQ virtual host of its own; returns its amqp:// connection string.</summary>
    public async Task<string> CreateVirtualHostAsync(string prefix = "test")
    {
        if (RabbitMq is null) return RabbitMqConnectionString; // an external broker: share its default vhost
        return await RabbitMq.CreateVirtualHostAsync($"{prefix}-{Guid.NewGuid():N}");
    }
}
