using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Reporting.Tests.Dashboards;

/// <summary>The reporting service as it runs (real PostgreSQL, RabbitMQ, Redis), fed with organization events.</summary>
public class DashboardProjectionTests : IAsyncLifetime
{
    static int _redisDatabase;
    ServiceHost _host = null!;

    public async Task InitializeAsync()
    {
        var servers = await RealServers.GetAsync();
        // Each test gets its own database, virtual host and Redis database, so caches and counts never mix.
        _host = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Reporting}"] = await servers.CreateDatabaseAsync("reporting"),
            [$"ConnectionStrings:{ResourceNames.Bus}"] = await servers.CreateVirtualHostAsync("reporting"),
            [$"ConnectionStrings:{ResourceNames.Cache}"] = $"{servers.RedisConnectionString},defaultDatabase={Interlocked.Increment(ref _redisDatabase) % 16}",
            ["OTEL_SERVICE_NAME"] = ResourceNames.Reporting,
        }, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());
        await _host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    Task PublishAsync<T>(T evt, Guid? messageId = null) where T : class, IIntegrationEvent =>
        _host.Services.GetRequiredService<IBus>().Publish(evt, ctx => ctx.MessageId = messageId ?? evt.EventId);

    static CallOptions AsGroupAdmin() => new(new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin } });

    Task<GroupDashboard> GroupAsync() => _host.Client<ReportingService.ReportingServiceClient>().GetGroupDashboardAsync(new GetGroupDashboardRequest(), AsGroupAdmin()).ResponseAsync;

    async Task<GroupDashboard> EventuallyAsync(Func<GroupDashboard, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        GroupDashboard dashboard;
        while (!condition(dashboard = await GroupAsync()) && DateTime.UtcNow < deadline) await Task.Delay(100);
        return dashboard;
    }

    static SubsidiaryRegistered Registered(Guid subsidiary, string name) =>
        new(Guid.NewGuid(), subsidiary, DateTimeOffset.UtcNow, subsidiary, "C" + subsidiary.ToString("N")[..6], name);

    static OrganizationCreated Created(Guid subsidiary, string kind) =>
        new(Guid.NewGuid(), subsidiary, DateTimeOffset.UtcNow, Guid.NewGuid(), null, kind + " 组织", kind);

    [Fact]
    public async Task Organizations_are_counted_per_subsidiary_and_kind()
    {
        var s = Guid.NewGuid();
        await PublishAsync(Registered(s, "临港集团"));
        foreach (var kind in new[] { "Committee", "GeneralBranch", "Branch", "Branch", "Group" }) await PublishAsync(Created(s, kind));

        var dashboard = await EventuallyAsync(d => d.Organizations == 5);

        dashboard.Subsidiaries.Should().Be(1);
        var row = dashboard.PerSubsidiary.Single();
        row.Name.Should().Be("临港集团");
        (row.Committees, row.GeneralBranches, row.Branches, row.Groups).Should().Be((1, 1, 2, 1));
    }

    [Fact]
    public async Task An_organization_that_arrives_before_its_subsidiary_is_still_counted()
    {
        var s = Guid.NewGuid();
        await PublishAsync(Created(s, "Committee"));
        await GroupAsync(); // read once, so a stale dashboard would be cached
        await PublishAsync(Registered(s, "后到的企业"));

        var dashboard = await EventuallyAsync(d => d.Subsidiaries == 1 && d.Organizations == 1);

        dashboard.PerSubsidiary.Single().Should().Match<SubsidiaryDashboard>(r => r.Name == "后到的企业" && r.Committees == 1);
    }

    [Fact]
    public async Task A_cached_dashboard_is_replaced_as_soon_as_a_new_event_is_projected()
    {
        var s = Guid.NewGuid();
        await PublishAsync(Registered(s, "缓存企业"));
        (await EventuallyAsync(d => d.Subsidiaries == 1)).Organizations.Should().Be(0);
        (await GroupAsync()).Organizations.Should().Be(0, "the dashboard is now served from the cache");

        await PublishAsync(Created(s, "Branch"));

        // The cache entry lives ten minutes: only invalidation can make the new count visible within the bound.
        (await EventuallyAsync(d => d.Organizations == 1)).Organizations.Should().Be(1);
    }

    [Fact]
    public async Task The_same_event_delivered_many_times_counts_once()
    {
        var s = Guid.NewGuid();
        await PublishAsync(Registered(s, "重复投递"));
        var created = Created(s, "Committee");
        for (var i = 0; i < 5; i++) await PublishAsync(created);
        var sentinel = Guid.NewGuid();
        await PublishAsync(Registered(sentinel, "哨兵"));

        var dashboard = await EventuallyAsync(d => d.Subsidiaries == 2 && d.Organizations >= 1);
        // Let every copy drain, then the count must still be one.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PublishAsync(Registered(Guid.NewGuid(), "填充"))));
        dashboard = await EventuallyAsync(d => d.Subsidiaries == 5);

        dashboard.Organizations.Should().Be(1);
    }

    [Fact]
    public async Task A_caller_below_group_level_cannot_read_the_group_dashboard()
    {
        var act = () => _host.Client<ReportingService.ReportingServiceClient>().GetGroupDashboardAsync(new GetGroupDashboardRequest(),
            new CallOptions(new Metadata { { AllianceMetadata.UserRole, Roles.SubsidiaryAdmin }, { AllianceMetadata.TenantId, Guid.NewGuid().ToString() } })).ResponseAsync;
        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
    }
}
