using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Reporting.Tests.Dashboards;

/// <summary>Dissolved and merged organizations leave the counts: once per event, in whatever order the events arrive.</summary>
public class EndedOrganizationCountsTests : IAsyncLifetime
{
    static int _redisDatabase = 8;
    ServiceHost _host = null!;

    public async Task InitializeAsync()
    {
        var servers = await RealServers.GetAsync();
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

    Task PublishAsync<T>(T evt) where T : class, IIntegrationEvent =>
        _host.Services.GetRequiredService<IBus>().Publish(evt, ctx => ctx.MessageId = evt.EventId);

    Task<GroupDashboard> GroupAsync() => _host.Client<ReportingService.ReportingServiceClient>().GetGroupDashboardAsync(new GetGroupDashboardRequest(),
        new CallOptions(new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin } })).ResponseAsync;

    async Task<GroupDashboard> EventuallyAsync(Func<GroupDashboard, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        GroupDashboard dashboard;
        while (!condition(dashboard = await GroupAsync()) && DateTime.UtcNow < deadline) await Task.Delay(100);
        return dashboard;
    }

    static SubsidiaryRegistered Registered(Guid subsidiary, string name) =>
        new(Guid.NewGuid(), subsidiary, DateTimeOffset.UtcNow, subsidiary, "E" + subsidiary.ToString("N")[..6], name);

    static OrganizationCreated Created(Guid subsidiary, Guid id, string kind) =>
        new(Guid.NewGuid(), subsidiary, DateTimeOffset.UtcNow, id, null, kind + " 组织", kind);

    static readonly DateOnly Day = new(2025, 6, 30);

    [Fact]
    public async Task Dissolved_and_merged_organizations_are_no_longer_counted()
    {
        var s = Guid.NewGuid();
        var (committee, b1, b2, group) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await PublishAsync(Registered(s, "撤并企业"));
        await PublishAsync(Created(s, committee, "Committee"));
        await PublishAsync(Created(s, b1, "Branch"));
        await PublishAsync(Created(s, b2, "Branch"));
        await PublishAsync(Created(s, group, "Group"));
        await EventuallyAsync(d => d.Organizations == 4);

        await PublishAsync(new OrganizationDissolved(Guid.NewGuid(), s, DateTimeOffset.UtcNow, group, "Group", Day));
        await PublishAsync(new OrganizationsMerged(Guid.NewGuid(), s, DateTimeOffset.UtcNow, b2, b1, "Branch", Day));

        var dashboard = await EventuallyAsync(d => d.Organizations == 2);
        var row = dashboard.PerSubsidiary.Single();
        (row.Organizations, row.Committees, row.Branches, row.Groups).Should().Be((2, 1, 1, 0));
    }

    [Fact]
    public async Task An_ending_that_arrives_before_the_creation_still_leaves_the_count_exact()
    {
        var s = Guid.NewGuid();
        var branch = Guid.NewGuid();
        await PublishAsync(new OrganizationDissolved(Guid.NewGuid(), s, DateTimeOffset.UtcNow, branch, "Branch", Day));
        await PublishAsync(Registered(s, "乱序企业"));
        await EventuallyAsync(d => d.Subsidiaries == 1 && d.PerSubsidiary.Single().Branches == -1);

        await PublishAsync(Created(s, Guid.NewGuid(), "Committee"));
        await PublishAsync(Created(s, branch, "Branch"));

        var dashboard = await EventuallyAsync(d => d.Organizations == 1 && d.PerSubsidiary.Single().Branches == 0);
        (dashboard.PerSubsidiary.Single().Committees, dashboard.PerSubsidiary.Single().Branches).Should().Be((1, 0));
    }

    [Fact]
    public async Task The_same_ending_delivered_many_times_uncounts_once()
    {
        var s = Guid.NewGuid();
        await PublishAsync(Registered(s, "重复撤销"));
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await PublishAsync(Created(s, a, "Branch"));
        await PublishAsync(Created(s, b, "Branch"));
        await EventuallyAsync(d => d.Organizations == 2);

        var dissolved = new OrganizationDissolved(Guid.NewGuid(), s, DateTimeOffset.UtcNow, a, "Branch", Day);
        var merged = new OrganizationsMerged(Guid.NewGuid(), s, DateTimeOffset.UtcNow, b, a, "Branch", Day);
        for (var i = 0; i < 4; i++)
        {
            await PublishAsync(dissolved);
            await PublishAsync(merged);
        }
        await EventuallyAsync(d => d.Organizations == 0);
        // Let every copy drain (a sentinel behind them), then the count must still be zero, not negative.
        await PublishAsync(Registered(Guid.NewGuid(), "哨兵"));
        var dashboard = await EventuallyAsync(d => d.Subsidiaries == 2);

        dashboard.Organizations.Should().Be(0);
        dashboard.PerSubsidiary.Single(r => r.Name == "重复撤销").Branches.Should().Be(0);
    }
}
