using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using System.Net.Http.Json;
using System.Text.Json;
using Alliance.AppHost.Hosting;
using Alliance.Testing.Servers;
using Alliance.Testing;
using Npgsql;

namespace Alliance.AppHost.Tests.Hosting;

public class OrchestrationTests
{
    [Fact]
    public async Task A_resource_does_not_start_until_what_it_waits_for_is_healthy()
    {
        var aDir = StandIns.NewDirectory();
        var bDir = StandIns.NewDirectory(healthy: true);
        var builder = StandIns.Builder();
        var a = builder.AddHttpStandIn("a", aDir);
        builder.AddHttpStandIn("b", bDir, before: "touch started;").WaitFor(a);
        await using var app = builder.Build();
        await app.StartAsync();

        // A runs and has answered its health probe with 404 (python's request log says so): B still waits.
        await Eventually.TrueAsync(() => app.GetResourceState("a").RecentLogs!.Any(l => l.Contains("GET /health") && l.Contains("404")), "a was probed and unhealthy");
        app.GetResourceState("a").State.Should().Be(ResourceState.Running);
        var waiting = app.GetResourceState("b");
        waiting.State.Should().Be(ResourceState.Waiting);
        waiting.Pids.Should().BeEmpty();
        File.Exists(Path.Combine(bDir, "started")).Should().BeFalse("b's process has not been launched");

        StandIns.MarkHealthy(aDir);

        await Eventually.HealthyAsync(app, "b");
        File.Exists(Path.Combine(bDir, "started")).Should().BeTrue();
        app.GetResourceState("a").Health.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Each_child_gets_Aspire_configuration_keys_in_its_environment()
    {
        var servers = await RealServers.GetAsync();
        var database = "envdb_" + Guid.NewGuid().ToString("N")[..8];
        var dumpDir = StandIns.NewDirectory();
        var builder = StandIns.Builder(o => o.EnvironmentName = "Staging", $"--ConnectionStrings:pg={servers.PostgresConnectionString}");
        var pg = builder.AddPostgres("pg");
        var db = pg.AddDatabase(database);
        var api = builder.AddHttpStandIn("api", StandIns.NewDirectory(healthy: true)).WithReplicas(2);
        builder.AddExecutable("dumper", "/bin/sh", dumpDir, "-c", "env > env.txt; exec sleep 600")
            .WithHttpEndpoint(http2: true)
            .WithReference(pg).WithReference(db).WaitFor(db)
            .WithReference(api).WaitFor(api)
            .WithEnvironment("Custom__Key", "custom value");
        await using var app = builder.Build();
        await app.StartAsync();

        var envFile = Path.Combine(dumpDir, "env.txt");
        await Eventually.TrueAsync(() => File.Exists(envFile) && File.ReadAllText(envFile).Contains("Custom__Key"), "the dumper wrote its environment");
        var env = File.ReadAllLines(envFile).Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        env.Should().Contain("ConnectionStrings__pg", servers.PostgresConnectionString);
        env.Should().Contain($"ConnectionStrings__{database}", $"{servers.PostgresConnectionString.TrimEnd(';')};Database={database}");
        env.Should().Contain("services__api__http__0", app.GetEndpoint("api", "http", 0).ToString().TrimEnd('/'));
        env.Should().Contain("services__api__http__1", app.GetEndpoint("api", "http", 1).ToString().TrimEnd('/'));
        env["services__api__http__0"].Should().NotBe(env["services__api__http__1"]);
        env.Should().Contain("OTEL_SERVICE_NAME", "dumper");
        env.Should().Contain("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=dumper-0");
        env.Should().Contain("ASPNETCORE_URLS", app.GetEndpoint("dumper").ToString().TrimEnd('/'));
        env["ASPNETCORE_URLS"].Should().MatchRegex(@"^http://127\.0\.0\.1:\d+$");
        env.Should().Contain("ASPNETCORE_ENVIRONMENT", "Staging");
        env.Should().Contain("DOTNET_ENVIRONMENT", "Staging");
        env.Should().Contain("Kestrel__EndpointDefaults__Protocols", "Http2");
        env.Should().Contain("Custom__Key", "custom value");

        // The database was created once the server was healthy.
        await using var conn = new NpgsqlConnection(servers.PostgresConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from pg_database where datname = @n", conn);
        cmd.Parameters.AddWithValue("n", database);
        ((long)(await cmd.ExecuteScalarAsync())!).Should().Be(1);
    }

    [Fact]
    public async Task A_crashed_child_is_restarted_and_its_restart_counted()
    {
        var builder = StandIns.Builder();
        builder.AddHttpStandIn("flaky", StandIns.NewDirectory(healthy: true));
        await using var app = builder.Build();
        await app.StartAsync();
        await Eventually.HealthyAsync(app, "flaky");
        var firstPid = app.GetResourceState("flaky").Pids.Should().ContainSingle().Subject;

        Signals.Send(firstPid, Signals.SigKill).Should().BeTrue();

        await Eventually.TrueAsync(() => app.GetResourceState("flaky") is { State: ResourceState.Running, Health: HealthStatus.Healthy, Restarts: 1 } s
            && s.Pids.Single() != firstPid, "flaky came back healthy with a new pid");
        var state = app.GetResourceState("flaky");
        state.Restarts.Should().Be(1);
        state.RecentLogs.Should().Contain(l => l.StartsWith("[flaky-0] exited with code"));
    }

    [Fact]
    public async Task A_resource_run_to_completion_finishes_once_and_counts_as_ready_and_a_failed_run_is_retried()
    {
        var onceDir = StandIns.NewDirectory();
        var retriedDir = StandIns.NewDirectory();
        var builder = StandIns.Builder();
        builder.AddExecutable("once", "/bin/sh", onceDir, "-c", "echo run >> runs; exit 0").RunToCompletion();
        // Fails on its first run, succeeds on its second.
        builder.AddExecutable("retried", "/bin/sh", retriedDir, "-c", "echo run >> runs; [ $(wc -l < runs) -ge 2 ]").RunToCompletion();
        await using var app = builder.Build();
        await app.StartAsync();

        await Eventually.AllHealthyAsync(app, TimeSpan.FromMinutes(1));

        app.GetResourceState("once").Should().Match<ResourceSnapshot>(s => s.State == ResourceState.Finished && s.Restarts == 0 && s.Pids.Count == 0);
        app.GetResourceState("retried").Should().Match<ResourceSnapshot>(s => s.State == ResourceState.Finished && s.Restarts == 1);
        File.ReadAllLines(Path.Combine(onceDir, "runs")).Should().HaveCount(1, "a finished resource is not started again");
        File.ReadAllLines(Path.Combine(retriedDir, "runs")).Should().HaveCount(2);
    }

    [Fact]
    public void A_resource_run_to_completion_has_one_replica()
    {
        var builder = StandIns.Builder();
        var once = builder.AddExecutable("once", "/bin/sh", "/", "-c", "exit 0").RunToCompletion();

        once.Invoking(o => o.WithReplicas(2)).Should().Throw<InvalidOperationException>().WithMessage("*one replica*");
        builder.AddExecutable("many", "/bin/sh", "/", "-c", "exit 0").WithReplicas(2)
            .Invoking(m => m.RunToCompletion()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task A_child_that_exits_while_its_background_job_holds_its_output_is_seen_exited_and_restarted()
    {
        // The first run leaves a sleep behind holding the child's stdout; it then fails to serve (as a server whose port
        // was taken would). The exit must still be seen: the child restarts and serves, and the leftover sleep is stopped.
        var dir = StandIns.NewDirectory(healthy: true);
        var builder = StandIns.Builder();
        builder.AddHttpStandIn("leaky", dir, before: "if [ ! -f ran ]; then touch ran; sleep 600 & echo $! > leftover; exit 3; fi;");
        await using var app = builder.Build();
        await app.StartAsync();

        await Eventually.HealthyAsync(app, "leaky");

        app.GetResourceState("leaky").Restarts.Should().Be(1);
        var leftover = int.Parse(File.ReadAllText(Path.Combine(dir, "leftover")).Trim());
        await Eventually.TrueAsync(() => !ProcessTree.IsAlive(leftover), "the first run's background sleep was stopped");
    }

    [Fact]
    public async Task Stopping_leaves_no_process_of_ours_running()
    {
        var builder = StandIns.Builder();
        var cache = builder.AddRedis("cache");
        var pg = builder.AddPostgres("pg");
        var bus = builder.AddRabbitMQ("bus");
        // A child with a grandchild: stopping the child's tree must take the grandchild too. What is tested is stopping,
        // so it waits for every process to run, not to be healthy (start order by health is tested above).
        var dir = StandIns.NewDirectory(healthy: true);
        builder.AddHttpStandIn("web", dir, before: "sleep 600 & echo $! > sleeping;")
            .WithReference(cache).WithReference(pg).WithReference(bus);
        var app = builder.Build();
        await app.StartAsync();
        await Eventually.TrueAsync(() => app.GetResourceStates() is var states && states.All(s => s.State == ResourceState.Running)
            && states.Single(s => s.Name == "bus").Pids.Count >= 2 && File.Exists(Path.Combine(dir, "sleeping")),
            "every server and the stand-in with its sleep run", TimeSpan.FromMinutes(3));
        var pids = app.GetResourceStates().SelectMany(s => s.Pids).SelectMany(ProcessTree.WithDescendants).Distinct().ToList();
        pids.Count.Should().BeGreaterThanOrEqualTo(6, "redis, postgres, rabbitmq with epmd, the stand-in and its sleep");
        pids.Should().OnlyContain(p => ProcessTree.IsAlive(p));

        await app.DisposeAsync();

        pids.Where(ProcessTree.IsAlive).Should().BeEmpty();
        app.GetResourceStates().Should().OnlyContain(s => s.State == ResourceState.Exited && s.Pids.Count == 0);
        Directory.Exists(app.DataDirectory).Should().BeFalse("test data is thrown away");
    }

    [Fact]
    public async Task The_state_file_and_the_dashboard_show_each_resource_state()
    {
        var builder = StandIns.Builder(o => o.StateFile = Path.Combine(StandIns.NewDirectory(), "resources.json"));
        builder.AddHttpStandIn("web", StandIns.NewDirectory(healthy: true)).WithReplicas(2);
        builder.AddExecutable("never", "/bin/sh", "/", "-c", "exec sleep 600").WaitFor(builder.AddHttpStandIn("sick", StandIns.NewDirectory()));
        await using var app = builder.Build();
        await app.StartAsync();
        await Eventually.HealthyAsync(app, "web");
        var web = app.GetResourceState("web");

        await Eventually.TrueAsync(() => StateFileSays(app.StateFile, "web", "Healthy"), "resources.json shows web healthy");
        using var file = JsonDocument.Parse(File.ReadAllText(app.StateFile));
        file.RootElement.GetProperty("appHostPid").GetInt32().Should().Be(Environment.ProcessId);
        file.RootElement.GetProperty("dashboardUrl").GetString().Should().Be(app.DashboardUrl!.ToString().TrimEnd('/'));
        var fromFile = Resource(file.RootElement.GetProperty("resources"), "web");
        fromFile.GetProperty("type").GetString().Should().Be("executable");
        fromFile.GetProperty("state").GetString().Should().Be("Running");
        fromFile.GetProperty("pids").EnumerateArray().Select(p => p.GetInt32()).Should().BeEquivalentTo(web.Pids);
        fromFile.GetProperty("restarts").GetInt32().Should().Be(0);
        fromFile.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("url").GetString())
            .Should().BeEquivalentTo([app.GetEndpoint("web", "http", 0).ToString().TrimEnd('/'), app.GetEndpoint("web", "http", 1).ToString().TrimEnd('/')]);
        Resource(file.RootElement.GetProperty("resources"), "never").GetProperty("state").GetString().Should().Be("Waiting");

        using var http = new HttpClient { BaseAddress = app.DashboardUrl };
        var resources = await http.GetFromJsonAsync<JsonElement>("/resources");
        var fromDashboard = Resource(resources, "web");
        fromDashboard.GetProperty("health").GetString().Should().Be("Healthy");
        fromDashboard.GetProperty("pids").EnumerateArray().Select(p => p.GetInt32()).Should().BeEquivalentTo(web.Pids);
        fromDashboard.GetProperty("recentLogs").EnumerateArray().Should().Contain(l => l.GetString()!.StartsWith("[web-1]"));
        Resource(resources, "sick").GetProperty("health").GetString().Should().Be("Unhealthy");
        var page = await http.GetAsync("/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("web").And.Contain("Waiting").And.Contain(web.Pids[0].ToString());
    }

    [Fact]
    public async Task Two_apphosts_on_one_machine_do_not_collide()
    {
        async Task<DistributedApplication> StartOneAsync()
        {
            var builder = StandIns.Builder();
            var cache = builder.AddRedis("cache");
            builder.AddHttpStandIn("web", StandIns.NewDirectory(healthy: true)).WithReference(cache).WaitFor(cache);
            var app = builder.Build();
            await app.StartAsync();
            return app;
        }
        await using var first = await StartOneAsync();
        await using var second = await StartOneAsync();

        await Task.WhenAll(Eventually.HealthyAsync(first, "web"), Eventually.HealthyAsync(second, "web"));

        first.GetEndpoint("web").Should().NotBe(second.GetEndpoint("web"));
        first.GetConnectionString("cache").Should().NotBe(second.GetConnectionString("cache"));
        first.DashboardUrl.Should().NotBe(second.DashboardUrl);
        first.DataDirectory.Should().NotBe(second.DataDirectory);
        first.GetResourceState("cache").Pids.Should().NotIntersectWith(second.GetResourceState("cache").Pids);
    }

    [Fact]
    public async Task A_server_with_a_configured_connection_string_is_external_and_nothing_is_started()
    {
        var servers = await RealServers.GetAsync();
        var builder = StandIns.Builder(null, $"--ConnectionStrings:cache={servers.RedisConnectionString}");
        var cache = builder.AddRedis("cache");
        builder.AddHttpStandIn("web", StandIns.NewDirectory(healthy: true)).WithReference(cache).WaitFor(cache);
        await using var app = builder.Build();
        await app.StartAsync();

        await Eventually.HealthyAsync(app, "web");

        var state = app.GetResourceState("cache");
        state.Health.Should().Be(HealthStatus.Healthy, "an external server's health is still checked at protocol level");
        state.Pids.Should().BeEmpty();
        state.Message.Should().Be("external");
        app.GetServer("cache").Should().BeNull();
        app.GetConnectionString("cache").Should().Be(servers.RedisConnectionString);
    }

    [Fact]
    public async Task A_project_that_was_not_built_fails_to_start_with_a_hint_to_build_it()
    {
        var builder = StandIns.Builder();
        var ghost = builder.AddProject("ghost", "services/Ghost/Alliance.Ghost.csproj").WithHttpEndpoint(http2: true);
        builder.AddHttpStandIn("after", StandIns.NewDirectory(healthy: true)).WaitFor(ghost);
        await using var app = builder.Build();
        await app.StartAsync();

        var wait = () => app.WaitForResourceHealthyAsync("ghost");

        await wait.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Alliance.Ghost.dll not found*dotnet build services/Ghost/Alliance.Ghost.csproj*");
        app.GetResourceState("ghost").State.Should().Be(ResourceState.FailedToStart);
        await Eventually.TrueAsync(() => app.GetResourceState("after").State == ResourceState.FailedToStart, "what waits for it fails too");
    }

    [Fact]
    public async Task Every_line_a_child_prints_is_prefixed_with_its_resource_and_replica()
    {
        var output = new StringWriter();
        var builder = StandIns.Builder(o => o.LogWriter = output);
        builder.AddExecutable("echo", "/bin/sh", "/", "-c", "echo \"hello from $OTEL_RESOURCE_ATTRIBUTES\"; echo oops >&2; exec sleep 600").WithReplicas(2);
        await using var app = builder.Build();
        await app.StartAsync();

        await Eventually.TrueAsync(() => app.GetResourceState("echo").RecentLogs!.Count(l => l.EndsWith("oops")) == 2, "both replicas printed");

        var logs = app.GetResourceState("echo").RecentLogs!;
        logs.Should().Contain("[echo-0] hello from service.instance.id=echo-0").And.Contain("[echo-1] hello from service.instance.id=echo-1")
            .And.Contain("[echo-0] oops").And.Contain("[echo-1] oops");
        output.ToString().Should().Contain("[echo-1] hello from service.instance.id=echo-1");
    }

    static JsonElement Resource(JsonElement resources, string name) =>
        resources.EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    static bool StateFileSays(string path, string name, string health)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return Resource(doc.RootElement.GetProperty("resources"), name).GetProperty("health").GetString() == health;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException) { return false; }
    }
}

public class Http2HealthTests
{
    [Fact]
    public async Task An_http2_endpoint_is_probed_with_http2_prior_knowledge()
    {
        // A cleartext HTTP/2-only server (as a gRPC service is) answers /health; HTTP/1.1 requests would fail there.
        var port = FreePort.Next();
        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        await using var server = web.Build();
        server.Run(async context =>
        {
            if (context.Request.Protocol != "HTTP/2") context.Response.StatusCode = StatusCodes.Status505HttpVersionNotsupported;
            else await context.Response.WriteAsync("ok");
        });
        await server.StartAsync();
        var builder = StandIns.Builder();
        builder.AddExecutable("grpc", "/bin/sh", "/", "-c", "exec sleep 600").WithHttpEndpoint(port: port, http2: true);
        await using var app = builder.Build();
        await app.StartAsync();

        await Eventually.HealthyAsync(app, "grpc");

        app.GetResourceState("grpc").Health.Should().Be(HealthStatus.Healthy);
    }
}
