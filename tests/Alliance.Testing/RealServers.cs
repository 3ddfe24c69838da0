using Alliance.AppHost.Infrastructure;
using Npgsql;

namespace Alliance.Testing;

/// <summary>
/// The real PostgreSQL, RabbitMQ and Redis servers for a test run, started once per test process and shared.
/// Tests isolate themselves by their own database, virtual host or key prefix.
/// When ConnectionStrings__pg / __bus / __cache are set, those external servers are used and nothing is started.
/// </summary>
public sealed class RealServers
{
    static readonly Lazy<Task<RealServers>> SharedInstance = new(StartAsync);
    readonly List<IInfrastructureServer> _owned = [];
    string _root = "";

    public static Task<RealServers> GetAsync() => SharedInstance.Value;

    public string PostgresConnectionString { get; private set; } = "";
    public string RabbitMqConnectionString { get; private set; } = "";
    public string RedisConnectionString { get; private set; } = "";
    public RabbitMqServer? RabbitMq { get; private set; }

    static async Task<RealServers> StartAsync()
    {
        var servers = new RealServers();
        servers._root = Path.Combine(Path.GetTempPath(), "alliance-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(servers._root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => servers.StopAll();

        var pg = Environment.GetEnvironmentVariable("ConnectionStrings__pg");
        var bus = Environment.GetEnvironmentVariable("ConnectionStrings__bus");
        var cache = Environment.GetEnvironmentVariable("ConnectionStrings__cache");
        var starts = new List<Task>();
        if (string.IsNullOrEmpty(pg))
        {
            var server = new PostgresServer(Path.Combine(servers._root, "pg"), FreePort.Next());
            servers._owned.Add(server);
            starts.Add(server.StartAsync());
            pg = server.ConnectionString;
        }
        if (string.IsNullOrEmpty(bus))
        {
            var server = new RabbitMqServer(Path.Combine(servers._root, "rabbitmq"), FreePort.Next(), "alliance-test");
            servers._owned.Add(server);
            servers.RabbitMq = server;
            starts.Add(server.StartAsync());
            bus = server.ConnectionString;
        }
        if (string.IsNullOrEmpty(cache))
        {
            var server = new RedisServer(Path.Combine(servers._root, "redis"), FreePort.Next());
            servers._owned.Add(server);
            starts.Add(server.StartAsync());
            cache = server.ConnectionString;
        }
        await Task.WhenAll(starts);
        servers.PostgresConnectionString = pg;
        servers.RabbitMqConnectionString = bus;
        servers.RedisConnectionString = cache;
        return servers;
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

    void StopAll()
    {
        // The test host gives exit handlers little time, and the data is thrown away: stop at once.
        foreach (var server in _owned) server.Kill();
        try { Directory.Delete(_root, recursive: true); } catch (Exception) { }
    }
}
