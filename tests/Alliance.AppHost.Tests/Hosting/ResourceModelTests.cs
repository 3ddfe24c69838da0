using Alliance.AppHost.Hosting;
using Alliance.Contracts;

namespace Alliance.AppHost.Tests.Hosting;

public class ResourceModelTests
{
    [Fact]
    public void A_cycle_of_waits_is_rejected_at_build_naming_the_cycle()
    {
        var builder = StandIns.Builder();
        var a = builder.AddExecutable("a", "/bin/true", "/");
        var b = builder.AddExecutable("b", "/bin/true", "/");
        var c = builder.AddExecutable("c", "/bin/true", "/");
        a.WaitFor(b);
        b.WaitFor(c);
        c.WaitFor(a);

        var build = () => builder.Build();

        build.Should().Throw<InvalidOperationException>().WithMessage("*a -> b -> c -> a*");
    }

    [Fact]
    public void References_alone_may_point_both_ways()
    {
        var builder = StandIns.Builder();
        var a = builder.AddExecutable("a", "/bin/true", "/").WithHttpEndpoint();
        var b = builder.AddExecutable("b", "/bin/true", "/").WithHttpEndpoint();
        a.WithReference(b);
        b.WithReference(a);

        builder.Invoking(x => x.Build()).Should().NotThrow("only waiting in a circle would deadlock");
    }

    [Fact]
    public void A_fixed_port_cannot_serve_several_replicas()
    {
        var builder = StandIns.Builder();
        builder.AddExecutable("a", "/bin/true", "/").WithHttpEndpoint(port: 5999).WithReplicas(2);

        builder.Invoking(x => x.Build()).Should().Throw<InvalidOperationException>().WithMessage("*replicas*fixed port 5999*");
    }

    [Fact]
    public void Command_line_options_are_read()
    {
        var options = AppHostOptions.Parse(["--gateway-port", "5080", "--no-demo-data", "--dashboard-port=9000", "--data-dir", "/tmp/x"]);

        options.GatewayPort.Should().Be(5080);
        options.DashboardPort.Should().Be(9000);
        options.DemoData.Should().BeFalse();
        options.DataDirectory.Should().Be("/tmp/x");
        AppHostOptions.Parse([]).DemoData.Should().BeTrue();
        AppHostOptions.Parse([]).EnvironmentName.Should().Be("Development");
    }

    [Fact]
    public void Configuration_holds_command_line_arguments_beside_the_options()
    {
        var builder = DistributedApplication.CreateBuilder(["--no-demo-data", "--ConnectionStrings:pg=Host=db.example;Port=5432", "--gateway-port", "5080"]);

        builder.Configuration["ConnectionStrings:pg"].Should().Be("Host=db.example;Port=5432");
        builder.Configuration["gateway-port"].Should().Be("5080");
        builder.Options.DemoData.Should().BeFalse();
        builder.Options.GatewayPort.Should().Be(5080);
    }

    [Fact]
    public void The_alliance_model_wires_services_to_their_database_bus_and_cache_and_the_gateway_to_the_services()
    {
        var builder = StandIns.Builder(o => { o.GatewayPort = 5080; o.DemoData = false; });
        AllianceAppModel.Configure(builder, builder.Options);

        var byName = builder.Resources.ToDictionary(r => r.Name);
        byName[ResourceNames.Postgres].Should().BeOfType<PostgresServerResource>()
            .Which.Databases.Select(d => d.Name).Should().BeEquivalentTo(
                [ResourceNames.Databases.Organization, ResourceNames.Databases.Activity, ResourceNames.Databases.Talent, ResourceNames.Databases.Reporting]);
        byName[ResourceNames.Bus].Should().BeOfType<RabbitMQServerResource>();
        byName[ResourceNames.Cache].Should().BeOfType<RedisResource>();

        var services = new[] { (ResourceNames.Organization, ResourceNames.Databases.Organization), (ResourceNames.Activity, ResourceNames.Databases.Activity),
            (ResourceNames.Talent, ResourceNames.Databases.Talent), (ResourceNames.Reporting, ResourceNames.Databases.Reporting) };
        foreach (var (name, database) in services)
        {
            var project = byName[name].Should().BeOfType<ProjectResource>().Subject;
            project.Endpoints.Should().ContainSingle().Which.Http2.Should().BeTrue();
            project.References.Select(r => r.Name).Should().BeEquivalentTo([database, ResourceNames.Bus, ResourceNames.Cache]);
            // The organization service starts while the broker boots; its bus waits for the broker itself (BrokerGate).
            string[] waits = name == ResourceNames.Organization ? [database, ResourceNames.Cache] : [database, ResourceNames.Bus, ResourceNames.Cache];
            project.WaitsFor.Select(r => r.Name).Should().BeEquivalentTo(waits);
            project.Environment.Should().NotContainKey("DemoData__Enabled", "loading the demo data is the demo-data resource's job");
            File.Exists(Path.Combine(RepositoryRoot.Find(), project.ProjectPath)).Should().BeTrue();
        }
        ((ProjectResource)byName[ResourceNames.Reporting]).Replicas.Should().Be(2);

        var gateway = byName[ResourceNames.Gateway].Should().BeOfType<ProjectResource>().Subject;
        gateway.ProjectPath.Should().Be("gateway/Alliance.Gateway.csproj");
        gateway.Endpoints.Should().ContainSingle().Which.Should().Match<EndpointAnnotation>(e => e.Port == 5080 && !e.Http2 && e.Name == "http");
        string[] gatewayNeeds = [ResourceNames.Organization, ResourceNames.Activity, ResourceNames.Talent, ResourceNames.Reporting, ResourceNames.Cache];
        gateway.References.Select(r => r.Name).Should().BeEquivalentTo(gatewayNeeds);
        gateway.WaitsFor.Select(r => r.Name).Should().BeEquivalentTo([ResourceNames.Cache], "it starts beside the services it calls");
        byName.Should().NotContainKey(ResourceNames.DemoData, "--no-demo-data");
    }

    [Fact]
    public void With_demo_data_the_organization_service_build_runs_once_beside_the_service_to_load_it()
    {
        var builder = StandIns.Builder();
        AllianceAppModel.Configure(builder, builder.Options);

        var byName = builder.Resources.ToDictionary(r => r.Name);
        var loader = byName[ResourceNames.DemoData].Should().BeOfType<ProjectResource>().Subject;
        loader.ProjectPath.Should().Be(((ProjectResource)byName[ResourceNames.Organization]).ProjectPath);
        loader.RunsToCompletion.Should().BeTrue();
        loader.Endpoints.Should().BeEmpty();
        loader.References.Select(r => r.Name).Should().Equal(ResourceNames.Databases.Organization);
        loader.WaitsFor.Select(r => r.Name).Should().Equal(ResourceNames.Databases.Organization);
        loader.Environment.Should().Contain("DemoData__Enabled", "true").And.Contain("DemoData__LoadAndExit", "true");
        byName.Values.OfType<ProcessResource>().Should().NotContain(r => r.WaitsFor.Contains(loader), "nothing waits for it; \"running\" does");
    }

    [Fact]
    public void Limiting_the_model_to_some_resources_keeps_what_they_need()
    {
        var builder = StandIns.Builder(o => o.Resources = [ResourceNames.Organization]);
        AllianceAppModel.Configure(builder, builder.Options);

        var app = builder.Build();

        app.Resources.Select(r => r.Name).Should().BeEquivalentTo(
            [ResourceNames.Postgres, ResourceNames.Databases.Organization, ResourceNames.Bus, ResourceNames.Cache, ResourceNames.Organization]);
    }

    [Fact]
    public void A_database_connection_string_is_its_servers_plus_the_database()
    {
        var builder = StandIns.Builder(null, "--ConnectionStrings:pg=Host=127.0.0.1;Port=1;Username=u");
        builder.AddPostgres("pg").AddDatabase("appdb");

        var app = builder.Build();

        app.GetConnectionString("pg").Should().Be("Host=127.0.0.1;Port=1;Username=u");
        app.GetConnectionString("appdb").Should().Be("Host=127.0.0.1;Port=1;Username=u;Database=appdb");
    }
}
