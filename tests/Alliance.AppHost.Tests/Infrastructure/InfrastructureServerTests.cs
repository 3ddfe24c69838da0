using Alliance.Testing.Servers;
using Alliance.Testing;
using Npgsql;
using RabbitMQ.Client;

namespace Alliance.AppHost.Tests.Infrastructure;

public class InfrastructureServerTests
{
    [Fact]
    public async Task The_shared_servers_answer_at_protocol_level()
    {
        var servers = await RealServers.GetAsync();

        var db = await servers.CreateDatabaseAsync("smoke");
        await using (var conn = new NpgsqlConnection(db))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select current_database()", conn);
            ((string)(await cmd.ExecuteScalarAsync())!).Should().StartWith("smoke_");
        }

        var vhost = await servers.CreateVirtualHostAsync("smoke");
        var factory = new ConnectionFactory { Uri = new Uri(vhost) };
        await using (var amqp = await factory.CreateConnectionAsync())
        {
            amqp.IsOpen.Should().BeTrue();
        }
    }

    [Fact]
    public async Task A_redis_server_of_our_own_starts_answers_and_stops()
    {
        var dir = Path.Combine(Path.GetTempPath(), "redis-" + Guid.NewGuid().ToString("N"));
        var server = new RedisServer(dir, FreePort.Next());
        await server.StartAsync();
        (await server.IsHealthyAsync()).Should().BeTrue();
        var pid = server.ProcessId;
        pid.Should().NotBeNull();
        await server.StopAsync();
        server.ProcessId.Should().BeNull("the server we started is gone after stop");
    }

    [Fact]
    public void A_postgres_pid_file_the_postmaster_has_created_but_not_yet_written_reads_as_no_pid()
    {
        // Seen in CI: read while PostgreSQL was starting, an empty postmaster.pid threw from ProcessId, and the state file
        // written on another resource's change took that resource's runner down with it.
        var server = new PostgresServer(Path.Combine(Path.GetTempPath(), "pg-" + Guid.NewGuid().ToString("N")[..8]), FreePort.Next());
        Directory.CreateDirectory(server.DataDirectory);
        var pidFile = Path.Combine(server.DataDirectory, "postmaster.pid");

        File.WriteAllText(pidFile, "");
        server.ProcessId.Should().BeNull();

        File.WriteAllText(pidFile, "4242\n/var/lib/postgresql/data\n");
        server.ProcessId.Should().Be(4242);
        Directory.Delete(Path.GetDirectoryName(server.DataDirectory)!, recursive: true);
    }

    [Fact]
    public async Task A_redis_server_that_died_says_so_when_probed()
    {
        var server = new RedisServer(Path.Combine(Path.GetTempPath(), "redis-" + Guid.NewGuid().ToString("N")), FreePort.Next());
        await server.StartAsync();
        var pid = server.ProcessId!.Value;

        server.Kill();
        await Hosting.Eventually.TrueAsync(() => server.ProcessId is null, "redis-server is gone");

        var probe = () => server.IsHealthyAsync();
        (await probe.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*exited*");
        Alliance.AppHost.Hosting.ProcessTree.IsAlive(pid).Should().BeFalse();
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("postgres")]
    [InlineData("rabbitmq")]
    public async Task A_server_whose_port_was_taken_meanwhile_starts_on_a_fresh_port(string kind)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{kind}-port-" + Guid.NewGuid().ToString("N")[..8]);
        var takenPort = FreePort.Next();
        IInfrastructureServer server = kind switch
        {
            "redis" => new RedisServer(dir, takenPort),
            "postgres" => new PostgresServer(dir, takenPort),
            _ => new RabbitMqServer(dir, takenPort, "port-test"),
        };
        // Between choosing the port and binding it, someone else took it (seen: the AppHost's own dashboard).
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, takenPort);
        squatter.Start();
        try
        {
            await server.StartAsync();

            server.Port.Should().NotBe(takenPort);
            (await server.IsHealthyAsync()).Should().BeTrue();
            server.ConnectionString.Should().MatchRegex($"[:=]{server.Port}\\b", "what the services are given names the new port");
        }
        finally
        {
            await server.DisposeAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Another_redis_on_the_port_is_not_taken_for_ours()
    {
        var other = new RedisServer(Path.Combine(Path.GetTempPath(), "redis-" + Guid.NewGuid().ToString("N")), FreePort.Next());
        await other.StartAsync();
        var ours = new RedisServer(Path.Combine(Path.GetTempPath(), "redis-" + Guid.NewGuid().ToString("N")), other.Port);
        try
        {
            await ours.StartAsync();

            ours.Port.Should().NotBe(other.Port, "the port was another Redis's, which answers PING but is not ours");
            (await ours.IsHealthyAsync()).Should().BeTrue();
        }
        finally
        {
            await ours.DisposeAsync();
            await other.DisposeAsync();
        }
    }
}

public class RabbitMqStartRetryTests
{
    [Fact]
    public async Task A_broker_that_exits_while_starting_is_started_again_on_fresh_internal_ports()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rabbit-retry-" + Guid.NewGuid().ToString("N")[..8]);
        var server = new RabbitMqServer(dir, FreePort.Next(), "retry-test");
        var takenDistributionPort = server.DistributionPort;
        // Someone else holds the Erlang distribution port: the first broker cannot start.
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, takenDistributionPort);
        squatter.Start();
        try
        {
            await server.StartAsync();

            (await server.IsHealthyAsync()).Should().BeTrue();
            server.DistributionPort.Should().NotBe(takenDistributionPort);
        }
        finally
        {
            await server.DisposeAsync();
        }
        ProcessesWithHome(Path.GetFullPath(dir)).Should().BeEmpty("no Erlang process of this node outlives its stop");
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    static List<int> ProcessesWithHome(string home) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var p) ? p : 0, Dir: d))
            .Where(x => x.Pid > 0 && ReadEnviron(x.Dir).Contains("HOME=" + home))
            .Select(x => x.Pid).ToList();

    static string[] ReadEnviron(string dir)
    {
        try { return File.ReadAllText(Path.Combine(dir, "environ")).Split('\0'); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
