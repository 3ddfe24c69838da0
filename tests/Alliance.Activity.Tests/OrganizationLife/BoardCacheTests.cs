using Alliance.Activity.Common;
using Alliance.Activity.Tests.Persistence;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Google.Protobuf.WellKnownTypes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Activity.Tests.OrganizationLife;

/// <summary>
/// The boards' read cache on a real Redis (ADR 44): a board is answered from the cache while nothing it shows changed,
/// and computed again after a held activity commits or the organization service reports a renamed organization.
/// </summary>
public class BoardCacheTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2027, 1, 10, 2, 0, 0, TimeSpan.Zero));
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid Subsidiary = Guid.NewGuid();
    const string BranchCommittee = "0199a000-0000-7000-8000-000000000009";
    static readonly CallOptions GroupAdmin = new(new Metadata
    {
        { AllianceMetadata.UserRole, Roles.GroupAdmin }, { AllianceMetadata.UserId, AllianceMetadata.EncodeText("集团管理员") },
    });

    public async Task InitializeAsync()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["OrganizationLife:Reminders:Enabled"] = "false",
            ["Notifications:Delivery:Enabled"] = "false",
            [$"ConnectionStrings:{ResourceNames.Cache}"] = (await RealServers.GetAsync()).RedisConnectionString,
        };
        await configuration.AddOwnServersAsync("boardcache");
        _host = await ServiceHost.StartAsync(configuration,
            b =>
            {
                b.AddApplicationServices();
                b.Services.AddSingleton<TimeProvider>(_clock);
                b.Services.AddSingleton<IOrganizationDirectory>(_directory);
            },
            a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    OrganizationLifeService.OrganizationLifeServiceClient Life => _host.Client<OrganizationLifeService.OrganizationLifeServiceClient>();

    Task<ListOrganizationBoardsResponse> BoardAsync() =>
        Life.ListOrganizationBoardsAsync(new ListOrganizationBoardsRequest { SubsidiaryId = Subsidiary.ToString() }, GroupAdmin).ResponseAsync;

    void RenameInTheDirectory(OrganizationFacts organization, string name) =>
        _directory.Organizations[organization.Id] = _directory.Organizations[organization.Id] with { Name = name };

    [Fact]
    public async Task A_board_is_served_from_the_cache_until_a_held_activity_commits_or_the_tree_changes()
    {
        var branch = _directory.AddOrganization(Subsidiary, "甲第一党支部");
        (await BoardAsync()).Items.Should().ContainSingle().Which.Done.Should().Be(0);

        RenameInTheDirectory(branch, "甲第一党支部（新）");
        (await BoardAsync()).Items.Single().Name.Should().Be("甲第一党支部", "the board is answered from the cache: nothing the service saw changed");

        var activities = _host.Client<ActivityService.ActivityServiceClient>();
        var start = new DateTimeOffset(2027, 1, 5, 14, 0, 0, TimeSpan.FromHours(8));
        var details = new ActivityDetails
        {
            Title = "支委会", TypeId = BranchCommittee, StartsAt = Timestamp.FromDateTimeOffset(start), EndsAt = Timestamp.FromDateTimeOffset(start.AddHours(2)),
            Venue = new VenueRef { Address = "党员活动室" },
        };
        details.Hosts.Add(new HostRef { OrganizationId = branch.Id.ToString() });
        var activity = await activities.ScheduleActivityAsync(new ScheduleActivityRequest { Details = details }, GroupAdmin);
        await activities.RecordActivityHeldAsync(new RecordActivityHeldRequest { Id = activity.Id }, GroupAdmin);

        var afterHeld = (await BoardAsync()).Items.Single();
        afterHeld.Done.Should().Be(1, "the held activity's commit dropped the cached board");
        afterHeld.Name.Should().Be("甲第一党支部（新）");

        RenameInTheDirectory(branch, "甲第一党支部（再改）");
        (await BoardAsync()).Items.Single().Name.Should().Be("甲第一党支部（新）", "cached again");
        await _host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        var renamed = new OrganizationRenamed(Guid.NewGuid(), Subsidiary, _clock.GetUtcNow(), branch.Id, "甲第一党支部（新）", "甲第一党支部（再改）",
            new DateOnly(2027, 1, 10));
        await _host.Services.GetRequiredService<IBus>().Publish(renamed, c => c.MessageId = renamed.EventId);

        var name = "";
        for (var i = 0; i < 600 && name != "甲第一党支部（再改）"; i++)
        {
            if (i > 0) await Task.Delay(100);
            name = (await BoardAsync()).Items.Single().Name;
        }
        name.Should().Be("甲第一党支部（再改）", "the organization service's event dropped the cached board");
    }
}
