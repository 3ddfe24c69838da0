using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Google.Protobuf;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Reporting.Tests.Views;

/// <summary>The organization views (alliances, members, cross-appointment, pairings) fed with events, in and out of order.</summary>
public class OrganizationViewsTests : IAsyncLifetime
{
    static int _redisDatabase = 8;
    ServiceHost _host = null!;
    static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-10);
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    static readonly DateOnly GroupToday = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

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

    static CallOptions AsGroupAdmin() => new(new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin } });

    static CallOptions AsSubsidiaryAdmin(Guid tenant) =>
        new(new Metadata { { AllianceMetadata.UserRole, Roles.SubsidiaryAdmin }, { AllianceMetadata.TenantId, tenant.ToString() } });

    static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        T value;
        while (!condition(value = await read()) && DateTime.UtcNow < deadline) await Task.Delay(100);
        return value;
    }

    static Guid Id() => Guid.NewGuid();

    [Fact]
    public async Task Alliances_count_current_internal_and_external_units_and_show_the_chair()
    {
        var s = Id();
        var alliance = Id();
        var lead = Id();
        var inner = Id();
        var outer = Id();
        var left = Id();
        // Out of order: a unit's leaving arrives before its joining; the rotation before the alliance.
        await PublishAsync(new UnitLeftAlliance(Id(), s, T0.AddSeconds(5), alliance, left, Today));
        await PublishAsync(new RotationScheduled(Id(), s, T0.AddSeconds(6), alliance, [outer, lead], Today.AddMonths(-1), 1));
        await PublishAsync(new AllianceFormed(Id(), s, T0, alliance, "临港党建联盟", "园区", Id(), lead, "牵头单位党委"));
        await PublishAsync(new UnitJoinedAlliance(Id(), s, T0.AddSeconds(1), alliance, inner, Id(), Id(), "兄弟单位党支部", Today));
        var joinedOuter = new UnitJoinedAlliance(Id(), s, T0.AddSeconds(2), alliance, outer, null, null, "社区党委", Today);
        for (var i = 0; i < 3; i++) await PublishAsync(joinedOuter);
        await PublishAsync(new UnitJoinedAlliance(Id(), s, T0.AddSeconds(3), alliance, left, Id(), Id(), "已退出单位", Today));
        await PublishAsync(new AllianceRevised(Id(), s, T0.AddSeconds(7), alliance, "临港党建联盟（新）", "园区"));

        var counts = await EventuallyAsync(() => _host.Client<ReportingService.ReportingServiceClient>().GetAllianceCountsAsync(new(), AsGroupAdmin()).ResponseAsync,
            r => r.Items.Count == 1 && r.Items[0].MemberUnits == 3 && r.Items[0].Name.EndsWith("（新）") && r.Items[0].CurrentChairUnitId != "");

        var a = counts.Items.Single();
        (a.MemberUnits, a.InternalUnits, a.ExternalUnits).Should().Be((3, 2, 1));
        // Started last month with one-month periods: the community chaired first, the lead unit chairs now.
        (a.CurrentChairUnitId, a.CurrentChairUnitName).Should().Be((lead.ToString(), "牵头单位党委"));

        var other = await _host.Client<ReportingService.ReportingServiceClient>().GetAllianceCountsAsync(new(), AsSubsidiaryAdmin(Id())).ResponseAsync;
        other.Items.Should().BeEmpty("another subsidiary neither leads nor takes part in the alliance");
        var own = await _host.Client<ReportingService.ReportingServiceClient>().GetAllianceCountsAsync(new(), AsSubsidiaryAdmin(s)).ResponseAsync;
        own.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Members_are_counted_per_organization_by_current_status_whatever_the_order()
    {
        var s = Id();
        Guid orgA = Id(), orgB = Id();
        Guid p1 = Id(), p2 = Id(), p3 = Id(), p4 = Id();
        await PublishAsync(new MemberJoined(Id(), s, T0, p1, orgA, "probationary", Today));
        await PublishAsync(new MemberStatusChanged(Id(), s, T0.AddSeconds(1), p1, orgA, "probationary", "full", Today));
        var joined = new MemberJoined(Id(), s, T0, p2, orgA, "probationary", Today);
        for (var i = 0; i < 3; i++) await PublishAsync(joined);
        // p3's transfer arrives before the joining it follows.
        await PublishAsync(new MemberTransferred(Id(), s, T0.AddSeconds(2), p3, orgA, orgB, Today));
        await PublishAsync(new MemberJoined(Id(), s, T0, p3, orgA, "full", Today));
        await PublishAsync(new MemberStatusChanged(Id(), s, T0.AddSeconds(3), p4, orgB, "full", "transferred-out", Today));
        await PublishAsync(new MemberJoined(Id(), s, T0, p4, orgB, "full", Today));

        var counts = await EventuallyAsync(
            () => _host.Client<ReportingService.ReportingServiceClient>().GetMemberCountsAsync(new() { SubsidiaryId = s.ToString() }, AsGroupAdmin()).ResponseAsync,
            r => r.Full == 2 && r.Probationary == 1 && r.PerOrganization.Count == 2);

        counts.PerOrganization.Single(o => o.OrganizationId == orgA.ToString()).Should()
            .Match<OrganizationMemberCounts>(o => o.Full == 1 && o.Probationary == 1);
        counts.PerOrganization.Single(o => o.OrganizationId == orgB.ToString()).Should()
            .Match<OrganizationMemberCounts>(o => o.Full == 1 && o.Probationary == 0);
    }

    [Fact]
    public async Task Members_per_organization_carry_the_organizations_latest_name_whatever_the_order()
    {
        var s = Id();
        Guid first = Id(), second = Id();
        // The second rename arrives first, then the creation, then the first rename: the latest name stays.
        await PublishAsync(new OrganizationRenamed(Id(), s, T0.AddSeconds(20), first, "工程党支部", "工程一部党支部", Today));
        await PublishAsync(new OrganizationCreated(Id(), s, T0, first, null, "机关党支部", "Branch"));
        await PublishAsync(new OrganizationRenamed(Id(), s, T0.AddSeconds(10), first, "机关党支部", "工程党支部", Today));
        await PublishAsync(new OrganizationCreated(Id(), s, T0, second, null, "财务党支部", "Branch"));
        await PublishAsync(new MemberJoined(Id(), s, T0, Id(), first, "full", Today));
        await PublishAsync(new MemberJoined(Id(), s, T0, Id(), second, "probationary", Today));

        var counts = await EventuallyAsync(
            () => _host.Client<ReportingService.ReportingServiceClient>().GetMemberCountsAsync(new() { SubsidiaryId = s.ToString() }, AsGroupAdmin()).ResponseAsync,
            r => r.PerOrganization.Count == 2 && r.PerOrganization.All(o => o.OrganizationName != ""));

        // Ordered by name (ordinal): 工 (U+5DE5) before 财 (U+8D22).
        counts.PerOrganization.Select(o => (o.OrganizationId, o.OrganizationName)).Should().Equal(
            (first.ToString(), "工程一部党支部"), (second.ToString(), "财务党支部"));
    }

    [Fact]
    public async Task Cross_appointment_is_the_share_of_current_secretaries_holding_a_management_post()
    {
        var s = Id();
        var org = Id();
        Guid manager = Id(), deputy = Id(), committee = Id(), former = Id(), future = Id();
        await PublishAsync(new PersonRegistered(Id(), s, T0, manager, "甲", "employee", true));
        await PublishAsync(new PersonRegistered(Id(), s, T0, deputy, "乙", "employee", false));
        await PublishAsync(new PersonRegistered(Id(), s, T0, committee, "丙", "employee", true));
        await PublishAsync(new PersonRegistered(Id(), s, T0, former, "丁", "employee", true));
        await PublishAsync(new PersonRegistered(Id(), s, T0, future, "戊", "employee", true));
        await PublishAsync(new RoleAssigned(Id(), s, T0.AddSeconds(1), manager, Id(), org, "secretary", GroupToday.AddYears(-1), null));
        await PublishAsync(new RoleAssigned(Id(), s, T0.AddSeconds(1), deputy, Id(), org, "deputy-secretary", GroupToday.AddYears(-1), null));
        await PublishAsync(new RoleAssigned(Id(), s, T0.AddSeconds(1), committee, Id(), org, "committee-member", GroupToday.AddYears(-1), null));
        await PublishAsync(new RoleAssigned(Id(), s, T0.AddSeconds(1), future, Id(), org, "deputy-secretary", GroupToday.AddDays(10), null));
        // The former secretary's ending arrives before the assignment.
        var formerRole = Id();
        await PublishAsync(new RoleEnded(Id(), s, T0.AddSeconds(2), former, formerRole, org, "secretary", GroupToday.AddDays(-1)));
        await PublishAsync(new RoleAssigned(Id(), s, T0.AddSeconds(1), former, formerRole, org, "secretary", GroupToday.AddYears(-2), null));

        var read = () => _host.Client<ReportingService.ReportingServiceClient>().GetCrossAppointmentAsync(new() { SubsidiaryId = s.ToString() }, AsGroupAdmin()).ResponseAsync;
        var ratio = await EventuallyAsync(read, r => r.Secretaries == 2 && r.CrossAppointed == 1);
        ratio.Ratio.Should().Be(0.5);

        // The deputy takes a management post; an older update arriving later does not undo it.
        await PublishAsync(new PersonUpdated(Id(), s, T0.AddSeconds(10), deputy, "乙", true));
        await PublishAsync(new PersonUpdated(Id(), s, T0.AddSeconds(5), deputy, "乙", false));
        ratio = await EventuallyAsync(read, r => r.CrossAppointed == 2);
        (ratio.Secretaries, ratio.CrossAppointed, ratio.Ratio).Should().Be((2, 2, 1.0));
    }

    [Fact]
    public async Task An_imports_people_in_one_batch_are_each_counted_once_by_their_latest_event()
    {
        var s = Id();
        var org = Id();
        var manager = Id();
        // An HR import's EventBatch (ADR 19): a thousand people, the manager twice, and the older of the two last.
        var batch = Enumerable.Range(0, 998).Select(i => new PersonRegistered(Id(), s, T0, Id(), $"员工{i}", "employee", false)).ToList();
        batch.Insert(500, new PersonRegistered(Id(), s, T0.AddSeconds(1), manager, "经理", "employee", true));
        batch.Add(new PersonRegistered(Id(), s, T0, manager, "经理", "employee", false));
        batch.Add(new PersonRegistered(Id(), s, T0, Id(), "秘书", "employee", false));
        var bus = _host.Services.GetRequiredService<IBus>();
        await bus.Publish(new EventBatch<PersonRegistered>(batch));
        await bus.Publish(new EventBatch<PersonRegistered>(batch.Take(10).ToList())); // a redelivered part changes nothing
        await PublishAsync(new RoleAssigned(Id(), s, T0.AddSeconds(2), manager, Id(), org, "secretary", GroupToday.AddYears(-1), null));
        await PublishAsync(new RoleAssigned(Id(), s, T0.AddSeconds(2), batch[^1].PersonId, Id(), org, "secretary", GroupToday.AddYears(-1), null));

        var ratio = await EventuallyAsync(
            () => _host.Client<ReportingService.ReportingServiceClient>().GetCrossAppointmentAsync(new() { SubsidiaryId = s.ToString() }, AsGroupAdmin()).ResponseAsync,
            r => r.Secretaries == 2 && r.CrossAppointed == 1);
        (ratio.Secretaries, ratio.CrossAppointed).Should().Be((2, 1), "the manager's newer event holds, whatever its place in the batch");
        var people = await EventuallyAsync(async () =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Alliance.Reporting.Data.ReportingDbContext>();
            return await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM person_views WHERE subsidiary_id = {0}", s).SingleAsync();
        }, n => n == 1_000);
        people.Should().Be(1_000);

        // People rows converge by their event time, so their consumers keep no inbox rows (ADR 21); role events keep theirs.
        await using var scope = _host.Services.CreateAsyncScope();
        var reporting = scope.ServiceProvider.GetRequiredService<Alliance.Reporting.Data.ReportingDbContext>();
        var ids = batch.Select(e => e.EventId).ToArray();
        (await reporting.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM inbox_messages WHERE message_id = ANY({0})", ids).SingleAsync())
            .Should().Be(0);
        (await reporting.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM inbox_messages WHERE consumer LIKE '%RoleAssignedConsumer'").SingleAsync())
            .Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Pairings_are_active_or_expiring_soon_by_today()
    {
        var s = Id();
        Guid active = Id(), expiring = Id(), renewed = Id(), ended = Id(), expired = Id();
        await PublishAsync(new PairingSigned(Id(), s, T0, active, Id(), null, "长期共建", Today.AddYears(-1), Today.AddDays(100)));
        await PublishAsync(new PairingSigned(Id(), s, T0, expiring, Id(), Id(), "即将到期", Today.AddYears(-1), Today.AddDays(10)));
        // The renewal arrives before the signing it renews.
        await PublishAsync(new PairingRenewed(Id(), s, T0.AddSeconds(1), renewed, 2, "续签", Today, Today.AddDays(365)));
        await PublishAsync(new PairingSigned(Id(), s, T0, renewed, Id(), null, "首签", Today.AddYears(-1), Today.AddDays(5)));
        await PublishAsync(new PairingSigned(Id(), s, T0, ended, Id(), null, "已终止", Today.AddYears(-1), Today.AddDays(200)));
        await PublishAsync(new PairingEnded(Id(), s, T0.AddSeconds(1), ended, Today, "撤销"));
        await PublishAsync(new PairingSigned(Id(), s, T0, expired, Id(), null, "已过期", Today.AddYears(-2), Today.AddDays(-1)));

        var counts = await EventuallyAsync(
            () => _host.Client<ReportingService.ReportingServiceClient>().GetPairingCountsAsync(new() { SubsidiaryId = s.ToString() }, AsGroupAdmin()).ResponseAsync,
            r => r.Active == 2 && r.ExpiringSoon == 1);

        counts.ExpiringSoonDays.Should().Be(30);
        counts.Expiring.Single().Should().Match<ExpiringPairing>(p => p.PairingId == expiring.ToString() && p.ExpiresOn == Today.AddDays(10).ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task A_pairing_of_two_subsidiaries_counts_for_both_whichever_event_arrives_first()
    {
        Guid first = Id(), second = Id(), signedFirst = Id(), renewedFirst = Id(), endedFirst = Id();
        await PublishAsync(new PairingSigned(Id(), first, T0, signedFirst, Id(), Id(), "跨企业共建", Today.AddYears(-1), Today.AddDays(100), second));
        // A renewal, then an ending, arrive before the signing they follow.
        await PublishAsync(new PairingRenewed(Id(), first, T0.AddSeconds(1), renewedFirst, 2, "续签", Today, Today.AddDays(10), second));
        await PublishAsync(new PairingSigned(Id(), first, T0, renewedFirst, Id(), Id(), "首签", Today.AddYears(-1), Today.AddDays(5), second));
        await PublishAsync(new PairingEnded(Id(), first, T0.AddSeconds(1), endedFirst, Today.AddDays(-1), "撤销", second));
        await PublishAsync(new PairingSigned(Id(), first, T0, endedFirst, Id(), Id(), "已终止", Today.AddYears(-1), Today.AddDays(200), second));

        foreach (var subsidiary in new[] { first, second })
        {
            var counts = await EventuallyAsync(
                () => _host.Client<ReportingService.ReportingServiceClient>().GetPairingCountsAsync(new() { SubsidiaryId = subsidiary.ToString() }, AsGroupAdmin()).ResponseAsync,
                r => r.Active == 1 && r.ExpiringSoon == 1);
            counts.Expiring.Single().Should().Match<ExpiringPairing>(p => p.PairingId == renewedFirst.ToString() && p.Title == "续签");
        }
    }

    [Fact]
    public async Task Another_subsidiarys_views_are_not_found()
    {
        var mine = Id();
        var theirs = Id().ToString();
        var calls = new Func<Task>[]
        {
            () => _host.Client<ReportingService.ReportingServiceClient>().GetMemberCountsAsync(new() { SubsidiaryId = theirs }, AsSubsidiaryAdmin(mine)).ResponseAsync,
            () => _host.Client<ReportingService.ReportingServiceClient>().GetCrossAppointmentAsync(new() { SubsidiaryId = theirs }, AsSubsidiaryAdmin(mine)).ResponseAsync,
            () => _host.Client<ReportingService.ReportingServiceClient>().GetPairingCountsAsync(new() { SubsidiaryId = theirs }, AsSubsidiaryAdmin(mine)).ResponseAsync,
            () => _host.Client<ReportingService.ReportingServiceClient>().GetAllianceCountsAsync(new() { SubsidiaryId = theirs }, AsSubsidiaryAdmin(mine)).ResponseAsync,
        };
        foreach (var call in calls) (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        (await _host.Client<ReportingService.ReportingServiceClient>().GetMemberCountsAsync(new() { SubsidiaryId = mine.ToString() }, AsSubsidiaryAdmin(mine)).ResponseAsync)
            .Full.Should().Be(0);
    }
}
