using Alliance.AppHost;
using Alliance.AppHost.Hosting;
using Alliance.AppHost.ServersWithoutContainers;
using Alliance.AppHost.Supervision;
using Alliance.Contracts;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Alliance.AppHost.Tests;

/// <summary>The model as Program.cs builds it, inspected without starting anything.</summary>
public sealed class ModelTests : IDisposable
{
    // Building the model creates the servers' (empty) data folders.
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), "alliance-model-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    async Task<IDistributedApplicationTestingBuilder> ModelAsync(params string[] args)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await DistributedApplicationTestingBuilder.CreateAsync<Projects.Alliance_AppHost>(["--data-dir", _dataDir, .. args], bound.Token);
    }

    static IResource Resource(IDistributedApplicationTestingBuilder builder, string name) => builder.Resources.Single(r => r.Name == name);

    static string[] WaitsFor(IDistributedApplicationTestingBuilder builder, string name) =>
        [.. Resource(builder, name).Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Order()];

    [Fact]
    public async Task Every_resource_is_there_under_its_own_name()
    {
        var builder = await ModelAsync();

        builder.Resources.Select(r => r.Name).Should().Contain(
        [
            ResourceNames.Postgres, $"{ResourceNames.Postgres}-init", ResourceNames.Databases.Organization, ResourceNames.Databases.Activity,
            ResourceNames.Databases.Talent, ResourceNames.Databases.Reporting, ResourceNames.Bus, $"{ResourceNames.Bus}-epmd", ResourceNames.Cache,
            ResourceNames.Organization, ResourceNames.Activity, ResourceNames.Talent, .. AllianceAppModel.ReportingInstances,
            ResourceNames.Gateway, ResourceNames.DemoData,
        ]);
        Resource(builder, ResourceNames.Postgres).Should().BeOfType<PostgresServerResource>();
        Resource(builder, ResourceNames.Bus).Should().BeOfType<RabbitMqServerResource>();
        Resource(builder, ResourceNames.Cache).Should().BeOfType<RedisServerResource>();
        builder.Resources.OfType<ProjectResource>().Should().BeEmpty("projects run from their build output as executables");
    }

    [Fact]
    public async Task Services_wait_for_their_database_the_broker_and_the_cache_except_organization_which_starts_beside_the_broker()
    {
        var builder = await ModelAsync();

        // Waiting for a database waits for its server too (Aspire adds the parent).
        WaitsFor(builder, ResourceNames.Organization).Should().Equal(ResourceNames.Cache, ResourceNames.Databases.Organization, ResourceNames.Postgres);
        WaitsFor(builder, ResourceNames.Activity).Should().Equal(ResourceNames.Databases.Activity, ResourceNames.Bus, ResourceNames.Cache, ResourceNames.Postgres);
        foreach (var reporting in AllianceAppModel.ReportingInstances)
            WaitsFor(builder, reporting).Should().Equal(ResourceNames.Bus, ResourceNames.Cache, ResourceNames.Postgres, ResourceNames.Databases.Reporting);
        WaitsFor(builder, ResourceNames.Gateway).Should().Equal(ResourceNames.Cache);
        // Only its database: the outbox declares reporting's queues before it publishes the demo data's events (ADR 24).
        WaitsFor(builder, ResourceNames.DemoData).Should().Equal(ResourceNames.Databases.Organization, ResourceNames.Postgres);
        WaitsFor(builder, ResourceNames.Postgres).Should().Equal($"{ResourceNames.Postgres}-init");
        WaitsFor(builder, ResourceNames.Bus).Should().Equal($"{ResourceNames.Bus}-epmd");
    }

    [Fact]
    public async Task Every_long_running_resource_is_restarted_after_a_crash_and_the_one_off_steps_are_not()
    {
        var builder = await ModelAsync();

        foreach (var resource in builder.Resources.OfType<ExecutableResource>())
        {
            var oneOff = resource.Annotations.OfType<RunsToCompletionAnnotation>().Any();
            resource.Annotations.OfType<RestartOnCrashAnnotation>().Any().Should().Be(!oneOff, resource.Name);
        }
        Resource(builder, ResourceNames.DemoData).Annotations.OfType<RunsToCompletionAnnotation>().Should().ContainSingle();
    }

    [Fact]
    public async Task The_options_leave_out_demo_data_or_everything_but_the_servers()
    {
        (await ModelAsync("--no-demo-data")).Resources.Should().NotContain(r => r.Name == ResourceNames.DemoData);

        var servers = await ModelAsync("--servers-only");
        servers.Resources.OfType<ExecutableResource>().Select(r => r.Name).Order().Should().Equal(
            ResourceNames.Bus, $"{ResourceNames.Bus}-epmd", ResourceNames.Cache, ResourceNames.Postgres, $"{ResourceNames.Postgres}-init");
    }

    static async Task<Dictionary<string, object>> EnvironmentOfAsync(IDistributedApplicationTestingBuilder builder, string name)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
        foreach (var callback in Resource(builder, name).Annotations.OfType<EnvironmentCallbackAnnotation>()) await callback.Callback(context);
        return context.EnvironmentVariables;
    }

    [Fact]
    public async Task Without_a_configured_relay_the_activity_service_mails_to_a_local_smtp_server_that_restarts_after_a_crash()
    {
        var builder = await ModelAsync();

        var mail = Resource(builder, ResourceNames.Mail).Should().BeOfType<MailServerResource>().Subject;
        mail.Annotations.OfType<RestartOnCrashAnnotation>().Should().ContainSingle();
        var environment = await EnvironmentOfAsync(builder, ResourceNames.Activity);
        environment["Notifications__Smtp__Host"].Should().Be("127.0.0.1");
        environment["Notifications__Smtp__Port"].Should().Be(mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        environment["Notifications__Smtp__Security"].Should().Be("None");
    }

    [Fact]
    public async Task A_configured_relay_is_handed_to_the_activity_service_and_no_local_smtp_server_starts()
    {
        var builder = await ModelAsync("--Notifications:Smtp:Host", "smtp.example.com", "--Notifications:Smtp:Port", "465",
            "--Notifications:Smtp:Security", "SslOnConnect", "--Notifications:Smtp:FromAddress", "party@example.com");

        builder.Resources.Should().NotContain(r => r.Name == ResourceNames.Mail);
        var environment = await EnvironmentOfAsync(builder, ResourceNames.Activity);
        environment["Notifications__Smtp__Host"].Should().Be("smtp.example.com");
        environment["Notifications__Smtp__Port"].Should().Be("465");
        environment["Notifications__Smtp__Security"].Should().Be("SslOnConnect");
        environment["Notifications__Smtp__FromAddress"].Should().Be("party@example.com");
    }

    [Fact]
    public async Task A_given_gateway_port_is_the_gateways_and_every_other_port_is_a_free_one_below_32768()
    {
        var builder = await ModelAsync("--gateway-port", "18123");

        var ports = builder.Resources.SelectMany(r => r.Annotations.OfType<EndpointAnnotation>().Select(e => (r.Name, e.Port))).ToList();
        ports.Should().Contain((ResourceNames.Gateway, 18123));
        ports.Select(p => p.Port).Should().OnlyContain(p => p > 0 && p < 32768).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Our_options_are_parsed_and_everything_else_is_left_to_Aspire()
    {
        string[] args = ["--gateway-port", "8080", "--dashboard-port=18888", "--no-demo-data", "--data-dir", "/tmp/x", "--environment", "Staging", "--servers-only", "--Logging:LogLevel:Default=Warning"];

        var options = AppHostOptions.Parse(args);

        options.GatewayPort.Should().Be(8080);
        options.DashboardPort.Should().Be(18888);
        options.DemoData.Should().BeFalse();
        options.DataDirectory.Should().Be("/tmp/x");
        options.EnvironmentName.Should().Be("Staging");
        options.ServersOnly.Should().BeTrue();
        AppHostOptions.Remaining(args).Should().Equal("--Logging:LogLevel:Default=Warning");
        FluentActions.Invoking(() => AppHostOptions.Parse(["--gateway-port", "http"])).Should().Throw<ArgumentException>();
    }
}
