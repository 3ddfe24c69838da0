using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting.Activities;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Reporting.Tests.Activities;

/// <summary>
/// Joint work counted from the activity events on the real broker and database: per month (group calendar), measure,
/// alliance and host organization; an activity counts for each host's subsidiary once; held and cancelled are final
/// whichever order the events arrive in.
/// </summary>
public class ActivityViewsTests : IAsyncLifetime
{
    static int _redisDatabase = 3;
    ServiceHost _host = null!;
    static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-10);

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

    static CallOptions As(string role, Guid? tenant = null)
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role } };
        if (tenant is { } t) metadata.Add(AllianceMetadata.TenantId, t.ToString());
        return new CallOptions(metadata);
    }

    ActivityReports.ActivityReportsClient Reports => _host.Client<ActivityReports.ActivityReportsClient>();

    static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        T value;
        while (!condition(value = await read()) && DateTime.UtcNow < deadline) await Task.Delay(100);
        return value;
    }

    static Guid Id() => Guid.NewGuid();

    static ActivityHostRef Host(Guid organization, Guid subsidiary, string name) => new(organization, subsidiary, null, name, false);

    static ActivityScheduled Scheduled(Guid activity, Guid tenant, DateTimeOffset startsAt, string measure, Guid? alliance, params ActivityHostRef[] hosts) =>
        new(Id(), tenant, T0, activity, "联学", Id(), "joint-study", measure, alliance, null, hosts, startsAt, startsAt.AddHours(2), null);

    static ActivityHeld Held(ActivityScheduled s, DateTimeOffset at) =>
        new(Id(), s.TenantId, at, s.ActivityId, s.TypeId, s.TypeCode, s.Measure, s.AllianceId, null, s.Hosts, s.StartsAt, s.EndsAt);

    static ActivityCancelled Cancelled(ActivityScheduled s, DateTimeOffset at) =>
        new(Id(), s.TenantId, at, s.ActivityId, s.TypeId, s.Measure, s.AllianceId, null, s.Hosts, s.StartsAt, "下雨");

    [Fact]
    public async Task Activities_are_counted_per_month_measure_alliance_and_host_for_each_hosts_subsidiary()
    {
        var (a, b) = (Id(), Id());
        var (committeeA, branchA, committeeB) = (Id(), Id(), Id());
        var alliance = Id();
        await PublishAsync(new AllianceFormed(Id(), a, T0, alliance, "滨江党建联盟", "城市", committeeA, Id(), "甲党委"));
        await PublishAsync(new OrganizationCreated(Id(), a, T0, committeeA, null, "甲党委", "committee"));
        await PublishAsync(new OrganizationCreated(Id(), a, T0, branchA, committeeA, "甲第一支部", "branch"));
        // 31 October 17:00 UTC is 1 November in China: counted in November.
        var joint = Scheduled(Id(), a, new DateTimeOffset(2026, 10, 31, 17, 0, 0, TimeSpan.Zero), "study", alliance, Host(committeeA, a, "甲党委"), Host(committeeB, b, "乙党委"));
        var own = Scheduled(Id(), a, new DateTimeOffset(2026, 10, 15, 6, 0, 0, TimeSpan.Zero), "work", null, Host(branchA, a, "甲第一支部"));
        var second = Scheduled(Id(), a, new DateTimeOffset(2026, 11, 3, 6, 0, 0, TimeSpan.Zero), "study", alliance, Host(branchA, a, "甲第一支部"));
        var cancelled = Scheduled(Id(), b, new DateTimeOffset(2026, 11, 5, 6, 0, 0, TimeSpan.Zero), "integrity", alliance, Host(committeeB, b, "乙党委"));
        foreach (var s in new[] { joint, own, second, cancelled }) await PublishAsync(s);
        await PublishAsync(Held(joint, T0.AddMinutes(1)));
        await PublishAsync(Held(own, T0.AddMinutes(1)));
        await PublishAsync(Cancelled(cancelled, T0.AddMinutes(1)));
        var period = new GetActivityCountsRequest { FromMonth = "2026-10", ToMonth = "2026-11" };

        var group = await EventuallyAsync(() => Reports.GetActivityCountsAsync(period, As(Roles.GroupAdmin)).ResponseAsync,
            c => c is { Held: 2, Planned: 1, Cancelled: 1 });
        var ofA = await Reports.GetActivityCountsAsync(period, As(Roles.Member, a));
        var ofB = await Reports.GetActivityCountsAsync(period, As(Roles.Member, b));

        group.PerMonth.Select(m => (m.Month, m.Measure, m.Held, m.Planned)).Should().Equal(
            ("2026-10", "work", 1, 0), ("2026-11", "study", 1, 1));
        group.PerMeasure.Select(m => (m.Measure, m.Held, m.Planned)).Should().Equal(("study", 1, 1), ("work", 1, 0));
        group.PerAlliance.Should().ContainSingle().Which.Should().BeEquivalentTo(new { AllianceId = alliance.ToString(), Name = "滨江党建联盟", Held = 1, Planned = 1 });
        (ofA.Held, ofA.Planned, ofA.Cancelled).Should().Be((2, 1, 0));
        ofA.PerOrganization.Select(o => (o.Name, o.Held, o.Planned)).Should().Equal(("甲第一支部", 1, 1), ("甲党委", 1, 0));
        (ofB.Held, ofB.Planned, ofB.Cancelled).Should().Be((1, 0, 1), "the joint activity counts for B's host too, once");
        ofB.PerOrganization.Select(o => (o.OrganizationId, o.Held)).Should().Equal((committeeB.ToString(), 1));
    }

    [Fact]
    public async Task Held_and_cancelled_are_final_and_the_latest_details_win_whatever_the_order()
    {
        var s = Id();
        var host = Host(Id(), s, "丙支部");
        var first = Scheduled(Id(), s, new DateTimeOffset(2026, 6, 10, 6, 0, 0, TimeSpan.Zero), "study", null, host);
        var revised = new ActivityRevised(Id(), s, T0.AddMinutes(1), first.ActivityId, "改期", first.TypeId, "joint-party-day", "organization", null, null,
            [host], first.StartsAt.AddMonths(1), first.EndsAt.AddMonths(1), null);
        // The hold arrives first, then the revision it followed, then the scheduling; then the hold twice more.
        var held = Held(first, T0.AddMinutes(2)) with { Measure = "organization", StartsAt = revised.StartsAt, EndsAt = revised.EndsAt, TypeCode = "joint-party-day" };
        await PublishAsync(held);
        await PublishAsync(revised);
        await PublishAsync(first);
        await PublishAsync(held);

        var other = Scheduled(Id(), s, new DateTimeOffset(2026, 6, 12, 6, 0, 0, TimeSpan.Zero), "work", null, host);
        await PublishAsync(Cancelled(other, T0.AddMinutes(3)));
        await PublishAsync(other);

        var counts = await EventuallyAsync(
            () => Reports.GetActivityCountsAsync(new GetActivityCountsRequest { SubsidiaryId = s.ToString(), FromMonth = "2026-06", ToMonth = "2026-07" }, As(Roles.GroupAdmin)).ResponseAsync,
            c => c.Held == 1 && c.Cancelled == 1);

        counts.Planned.Should().Be(0);
        counts.PerMonth.Select(m => (m.Month, m.Measure, m.Held)).Should().Equal(("2026-07", "organization", 1));
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Alliance.Reporting.Data.ReportingDbContext>();
        var row = await db.Set<ActivityView>().AsNoTracking().SingleAsync(v => v.ActivityId == first.ActivityId);
        (row.Status, row.TypeCode, row.Month).Should().Be((ActivityView.Held, "joint-party-day", new DateOnly(2026, 7, 1)));
        (await db.Set<ActivityView>().AsNoTracking().SingleAsync(v => v.ActivityId == other.ActivityId)).Status.Should().Be(ActivityView.Cancelled);
    }

    [Fact]
    public async Task Bad_periods_and_other_subsidiaries_are_refused()
    {
        var mine = Id();
        async Task<StatusCode> StatusOf(GetActivityCountsRequest request, CallOptions options)
        {
            try { await Reports.GetActivityCountsAsync(request, options); return StatusCode.OK; }
            catch (RpcException e) { return e.StatusCode; }
        }

        (await StatusOf(new() { FromMonth = "2026-13" }, As(Roles.GroupAdmin))).Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(new() { FromMonth = "2026-05", ToMonth = "2026-04" }, As(Roles.GroupAdmin))).Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(new() { FromMonth = "2020-01", ToMonth = "2026-04" }, As(Roles.GroupAdmin))).Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(new() { SubsidiaryId = Id().ToString() }, As(Roles.SubsidiaryAdmin, mine))).Should().Be(StatusCode.NotFound);
        var defaults = await Reports.GetActivityCountsAsync(new(), As(Roles.SubsidiaryAdmin, mine));
        var thisMonth = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        defaults.ToMonth.Should().Be(thisMonth.ToString("yyyy-MM"));
        defaults.FromMonth.Should().Be(thisMonth.AddMonths(-11).ToString("yyyy-MM"));
    }
}
