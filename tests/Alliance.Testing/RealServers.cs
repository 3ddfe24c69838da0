using Alliance.Contracts;
using Alliance.Testing.Servers;
using Npgsql;

namespace Alliance.Testing;

/// <summary>
/// The real PostgreSQL, RabbitMQ and Redis servers for a test run, started once per test process (free loopback ports,
/// throw-away data in a temporary folder) and shared. Tests isolate themselves by their own database, virtual host or
/// key prefix. When ConnectionStrings__pg / __bus / __cache are set, those external servers are used and nothing is started.
/// </summary>
public sealed class RealServers
{
    static readonly Lazy<Task<RealServers>> SharedInstance = new(StartAsync);

    public static Task<RealServers> GetAsync() => SharedInstance.Value;

    public string PostgresConnectionString { get; private set; } = "";
    public string RabbitMqConnectionString { get; private set; } = "";
    public string RedisConnectionString { get; private set; } = "";
    public RabbitMqServer? RabbitMq { get; private set; }

    static string? External(string name) =>
        Environment.GetEnvironmentVariable($"ConnectionStrings__{name}") is { Length: > 0 } value ? value : null;

    static async Task<RealServers> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "alliance-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var pg = External(ResourceNames.Postgres) is null ? new PostgresServer(Path.Combine(dir, "pg"), FreePort.Next()) : null;
        var bus = External(ResourceNames.Bus) is null ? new RabbitMqServer(Path.Combine(dir, "bus"), FreePort.Next()) : null;
        var cache = External(ResourceNames.Cache) is null ? new RedisServer(Path.Combine(dir, "cache"), FreePort.Next()) : null;
        IInfrastructureServer[] ours = [.. new IInfrastructureServer?[] { pg, bus, cache }.OfType<IInfrastructureServer>()];

        // The test host gives exit handlers little time and the data is thrown away: kill, do not stop. RabbitMQ last:
        // its kill also looks through /proc for strays, and a Redis left for after it outlived a test host.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in ours.OrderBy(s => s is RabbitMqServer)) server.Kill();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await Task.WhenAll(ours.Select(s => s.StartAsync(bound.Token)));
        }
        catch (Exception e)
        {
            foreach (var server in ours) server.Kill();
            throw new InvalidOperationException("The shared test servers did not start.", e);
        }
        return new RealServers
        {
            PostgresConnectionString = External(ResourceNames.Postgres) ?? pg!.ConnectionString,
            RabbitMqConnectionString = External(ResourceNames.Bus) ?? bus!.ConnectionString,
            RedisConnectionString = External(ResourceNames.Cache) ?? cache!.ConnectionString,
            RabbitMq = bus,
        };
    }

    /// <summary>A new, empty database of its own for one test or fixture; returns its connection string.</summary>
    /// <summary>
    /// A connect waits up to 60 s (Npgsql's default is 15): on two cores a demo group loading beside a test, or a
    /// checkpoint, made new connections wait past 15 s. The tests are about outcomes, never about time.
    /// </summary>
    static string Patient(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 60 }.ConnectionString;

    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var conn = new NpgsqlConnection(Patient(PostgresConnectionString));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Patient(PostgresConnectionString)) { Database = name }.ConnectionString;
    }

    /// <summary>A new RabbitMQ virtual host of its own; returns its amqp:// connection string.</summary>
    public async Task<string> CreateVirtualHostAsync(string prefix = "test")
    {
        if (RabbitMq is null) return RabbitMqConnectionString; // an external broker: share its default vhost
        return await RabbitMq.CreateVirtualHostAsync($"{prefix}-{Guid.NewGuid():N}");
    }
}
