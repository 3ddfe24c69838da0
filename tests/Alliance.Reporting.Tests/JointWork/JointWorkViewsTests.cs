using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Contracts.Reporting.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Reporting.Tests.JointWork;

/// <summary>
/// Attendance rates, organization-life compliance and decision items projected from events on the real broker and
/// database (ADR 37): events in any order and more than once give the same figures, per subsidiary as the caller may see.
/// </summary>
public class JointWorkViewsTests : IAsyncLifetime
{
    static int _redisDatabase = 6;
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
        await _host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    async Task PublishAsync<T>(params T[] events) where T : class, IIntegrationEvent
    {
        foreach (var evt in events) await _host.Services.GetRequiredService<IBus>().Publish(evt, ctx => ctx.MessageId = evt.EventId);
    }

    static CallOptions As(string role, Guid? tenant = null)
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role } };
        if (tenant is { } t) metadata.Add(AllianceMetadata.TenantId, t.ToString());
        return new CallOptions(metadata);
    }

    JointWorkReports.JointWorkReportsClient Reports => _host.Client<JointWorkReports.JointWorkReportsClient>();

    static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var value = await read();
                if (condition(value)) return value;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound) { } // the subsidiary's first event is still on its way
            await Task.Delay(200);
        }
        return await read();
    }

    static Guid Id() => Guid.NewGuid();

    static ActivityHostRef Host(Guid organization, Guid subsidiary, string name) => new(organization, subsidiary, null, name, false);

    static ActivityScheduled Scheduled(Guid tenant, DateTimeOffset startsAt, Guid? alliance, Guid? type, params ActivityHostRef[] hosts) =>
        new(Id(), tenant, T0, Id(), "联学", type ?? Id(), "joint-study", "study", alliance, null, hosts, startsAt, startsAt.AddHours(2), null);

    static ActivityHeld Held(ActivityScheduled s) =>
        new(Id(), s.TenantId, T0.AddMinutes(1), s.ActivityId, s.TypeId, s.TypeCode, s.Measure, s.AllianceId, null, s.Hosts, s.StartsAt, s.EndsAt);

    static ParticipantInvited Invited(ActivityScheduled s, int expected) =>
        new(Id(), s.TenantId, T0, s.ActivityId, Id(), "organization", Id(), null, null, s.TenantId, "受邀组织", expected, s.Hosts);

    static ParticipantCheckedIn CheckedIn(ActivityScheduled s) =>
        new(Id(), s.TenantId, T0, s.ActivityId, Id(), Id(), "user", null, s.TenantId, T0, "self", s.Hosts);

    [Fact]
    public async Task Attendance_rates_count_held_activities_that_invited_anyone_per_month_alliance_subsidiary_and_host()
    {
        var (a, b, alliance) = (Id(), Id(), Id());
        var (committeeA, branchA, committeeB) = (Id(), Id(), Id());
        await PublishAsync(new AllianceFormed(Id(), a, T0, alliance, "滨江党建联盟", "城市", committeeA, Id(), "甲党委"));
        await PublishAsync(new OrganizationCreated(Id(), a, T0, committeeA, null, "甲党委", "Committee"), new OrganizationCreated(Id(), a, T0, branchA, committeeA, "甲第一支部", "Branch"),
            new OrganizationCreated(Id(), b, T0, committeeB, null, "乙党委", "Committee"));
        var joint = Scheduled(a, new DateTimeOffset(2026, 11, 3, 6, 0, 0, TimeSpan.Zero), alliance, null, Host(committeeA, a, "甲党委"), Host(committeeB, b, "乙党委"));
        var own = Scheduled(a, new DateTimeOffset(2026, 10, 31, 17, 0, 0, TimeSpan.Zero), null, null, Host(branchA, a, "甲第一支部")); // 1 November in China
        var uninvited = Scheduled(a, new DateTimeOffset(2026, 11, 5, 6, 0, 0, TimeSpan.Zero), null, null, Host(branchA, a, "甲第一支部"));
        var planned = Scheduled(a, new DateTimeOffset(2026, 11, 6, 6, 0, 0, TimeSpan.Zero), null, null, Host(branchA, a, "甲第一支部"));
        await PublishAsync(joint, own, uninvited, planned);
        await PublishAsync(Held(joint), Held(own), Held(uninvited));
        var withdrawnInvitation = Invited(joint, 5);
        // The withdrawal arrives before its invitation: it stays withdrawn.
        await PublishAsync(new InvitationWithdrawn(Id(), a, T0.AddMinutes(2), joint.ActivityId, withdrawnInvitation.ParticipantId, "organization",
            withdrawnInvitation.OrganizationId, null, null, 5));
        await PublishAsync(Invited(joint, 10), Invited(joint, 1), withdrawnInvitation, Invited(own, 4), Invited(planned, 20));
        var checkIns = Enumerable.Range(0, 6).Select(_ => CheckedIn(joint)).Concat(Enumerable.Range(0, 6).Select(_ => CheckedIn(own))).ToArray();
        await PublishAsync(checkIns);
        await PublishAsync(checkIns[0], checkIns[7]); // delivered again
        var months = new GetAttendanceRatesRequest { FromMonth = "2026-10", ToMonth = "2026-11" };

        var group = await EventuallyAsync(() => Reports.GetAttendanceRatesAsync(months, As(Roles.GroupAdmin)).ResponseAsync,
            r => r.Total is { Invited: 15, CheckedIn: 10 } && r.ActivitiesWithoutInvitations == 1);
        var ofB = await Reports.GetAttendanceRatesAsync(months, As(Roles.SubsidiaryAdmin, b));

        group.Total.Should().BeEquivalentTo(new { Activities = 2, Invited = 15, CheckedIn = 10, Rate = 0.6667 });
        group.PerMonth.Select(m => (m.Key, m.Invited, m.CheckedIn)).Should().Equal(("2026-11", 15, 10));
        group.PerAlliance.Select(x => (x.Key, x.Name, x.Invited, x.CheckedIn)).Should().Equal((alliance.ToString(), "滨江党建联盟", 11, 6));
        group.PerSubsidiary.Select(x => (x.Key, x.Invited, x.CheckedIn)).Should().Equal((a.ToString(), 15, 10), (b.ToString(), 11, 6));
        group.PerOrganization.Select(x => (x.Name, x.Invited, x.CheckedIn)).Should().Equal(("乙党委", 11, 6), ("甲党委", 11, 6), ("甲第一支部", 4, 4));
        group.PerActivity.Select(x => (x.Key, x.Name, x.Rate)).Should().Equal((joint.ActivityId.ToString(), "甲党委、乙党委", 0.5455), (own.ActivityId.ToString(), "甲第一支部", 1.0));
        ofB.Total.Should().BeEquivalentTo(new { Activities = 1, Invited = 11, CheckedIn = 6 });
        ofB.PerSubsidiary.Select(x => x.Key).Should().Equal(b.ToString());
    }

    [Fact]
    public async Task Organization_life_compliance_holds_each_bound_branch_against_its_rules_current_period()
    {
        var (s, other) = (Id(), Id());
        var (branch1, branch2, committee, group, dissolved) = (Id(), Id(), Id(), Id(), Id());
        var (assembly, plenary) = (Id(), Id());
        await PublishAsync(new SubsidiaryRegistered(Id(), s, T0, s, "S1", "甲公司"));
        await PublishAsync(
            new OrganizationCreated(Id(), s, T0, committee, null, "甲党委", "Committee"),
            new OrganizationCreated(Id(), s, T0, branch1, committee, "第一支部", "Branch"),
            new OrganizationCreated(Id(), s, T0, branch2, committee, "第二支部", "Branch"),
            new OrganizationCreated(Id(), s, T0, group, branch1, "第一党小组", "Group"),
            new OrganizationCreated(Id(), s, T0, dissolved, committee, "第三支部", "Branch"));
        await PublishAsync(new OrganizationDissolved(Id(), s, T0, dissolved, "Branch", new DateOnly(2026, 5, 1)));
        var monthly = new MeetingRuleCreated(Id(), Guid.Empty, T0, Id(), null, "branch", "支部委员会", "Branch committee", "monthly", [assembly], false, 1);
        var quarterly = new MeetingRuleCreated(Id(), s, T0, Id(), s, "committee", "党委会", "Committee meeting", "quarterly", [plenary], false, 1);
        var othersRule = new MeetingRuleCreated(Id(), other, T0, Id(), other, "branch", "他司支部会", "Other's", "monthly", [assembly], false, 1);
        var retiredRule = new MeetingRuleCreated(Id(), s, T0, Id(), s, "branch", "旧规则", "Old rule", "yearly", [assembly], false, 1);
        // The retirement (version 2) arrives before the rule was created (version 1): the rule stays retired.
        await PublishAsync(new MeetingRuleRevised(Id(), s, T0.AddMinutes(1), retiredRule.RuleId, s, "branch", "旧规则", "Old rule", "yearly", [assembly], true, 2));
        await PublishAsync(monthly, quarterly, othersRule, retiredRule, monthly);
        // June 2026: the first branch holds its branch committee; the second held one in May only, and one of another type.
        var june = Scheduled(s, new DateTimeOffset(2026, 6, 10, 6, 0, 0, TimeSpan.Zero), null, assembly, Host(branch1, s, "第一支部"));
        var may = Scheduled(s, new DateTimeOffset(2026, 5, 31, 15, 0, 0, TimeSpan.Zero), null, assembly, Host(branch2, s, "第二支部")); // 23:00 on 31 May in China
        var otherType = Scheduled(s, new DateTimeOffset(2026, 6, 12, 6, 0, 0, TimeSpan.Zero), null, plenary, Host(branch2, s, "第二支部"));
        await PublishAsync(june, may, otherType);
        await PublishAsync(Held(june), Held(may), Held(otherType));
        var request = new GetOrganizationLifeComplianceRequest { SubsidiaryId = s.ToString(), On = "2026-06-15" };

        var report = await EventuallyAsync(() => Reports.GetOrganizationLifeComplianceAsync(request, As(Roles.GroupAdmin)).ResponseAsync,
            r => r.Total is { Bound: 3, Done: 1 } && r.PerRule.Count == 2);
        var asMember = await Reports.GetOrganizationLifeComplianceAsync(new GetOrganizationLifeComplianceRequest { On = "2026-06-15" }, As(Roles.Member, s));

        report.Total.Should().BeEquivalentTo(new { Bound = 3, Done = 1, Due = 0, Overdue = 2, Rate = 0.3333 });
        report.PerRule.Select(r => (r.RuleId, r.PeriodKey, r.DueOn, r.Count.Bound, r.Count.Done, r.Count.Overdue)).Should().Equal(
            (quarterly.RuleId.ToString(), "2026-Q2", "2026-06-30", 1, 0, 1), (monthly.RuleId.ToString(), "2026-06", "2026-06-30", 2, 1, 1));
        report.PerSubsidiary.Should().ContainSingle().Which.Should().BeEquivalentTo(new { SubsidiaryId = s.ToString(), Name = "甲公司", Organizations = 3 });
        report.TotalOrganizations.Should().Be(3, "the group and the dissolved branch are bound by no rule");
        report.Organizations.Last().Should().BeEquivalentTo(new { OrganizationId = branch1.ToString(), Kind = "branch" });
        report.Organizations.Last().Rules.Should().ContainSingle().Which.Should().BeEquivalentTo(new { State = "done", HeldCount = 1, PeriodKey = "2026-06" });
        asMember.Total.Should().BeEquivalentTo(report.Total);
        (await Reports.GetOrganizationLifeComplianceAsync(request.WithPage(2, 2), As(Roles.GroupAdmin))).Organizations
            .Should().ContainSingle().Which.OrganizationId.Should().Be(branch1.ToString());
    }

    [Fact]
    public async Task Decision_items_are_counted_open_by_colour_and_closed_on_time_by_their_due_month()
    {
        var (a, b, alliance) = (Id(), Id(), Id());
        var (unitA, unitB) = (Id(), Id());
        await PublishAsync(new AllianceFormed(Id(), a, T0, alliance, "城东联盟", "城市", Id(), unitA, "甲党委"));
        await PublishAsync(new UnitJoinedAlliance(Id(), a, T0, alliance, unitA, Id(), a, "甲党委", new DateOnly(2026, 1, 1)),
            new UnitJoinedAlliance(Id(), b, T0, alliance, unitB, Id(), b, "乙党委", new DateOnly(2026, 1, 1)));
        DecisionItemRecorded Item(Guid owner, DateOnly due) => new(Id(), a, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), Id(), Id(), alliance, "事项", owner, null, due, owner == unitA ? unitB : unitA);
        DecisionItemStateChanged Change(DecisionItemRecorded i, string state, string colour, DateTimeOffset at) =>
            new(Id(), a, at, i.DecisionItemId, i.MeetingId, alliance, "open", state, "green", colour, i.DueOn, null);
        var onTime = Item(unitA, new DateOnly(2026, 6, 30));
        var late = Item(unitA, new DateOnly(2026, 6, 10));
        var overdue = Item(unitB, new DateOnly(2026, 6, 15));
        var later = Item(unitB, new DateOnly(2027, 12, 31));
        var cancelled = Item(unitB, new DateOnly(2026, 6, 5));
        // The verification arrives before the recording and before an earlier change: verified stays.
        await PublishAsync(Change(onTime, "verified", "none", new DateTimeOffset(2026, 6, 30, 15, 0, 0, TimeSpan.Zero))); // 23:00 on the due date in China
        await PublishAsync(onTime, late, overdue, later, cancelled);
        await PublishAsync(Change(onTime, "in-progress", "yellow", new DateTimeOffset(2026, 6, 20, 0, 0, 0, TimeSpan.Zero)),
            Change(late, "verified", "none", new DateTimeOffset(2026, 6, 10, 16, 30, 0, TimeSpan.Zero)), // 00:30 on 11 June in China
            Change(overdue, "in-progress", "red", new DateTimeOffset(2026, 6, 16, 0, 0, 0, TimeSpan.Zero)),
            Change(later, "in-progress", "yellow", T0),
            Change(cancelled, "cancelled", "none", T0));
        var june = new GetDecisionItemReportRequest { FromMonth = "2026-06", ToMonth = "2026-06" };

        var group = await EventuallyAsync(() => Reports.GetDecisionItemReportAsync(june, As(Roles.GroupAdmin)).ResponseAsync,
            r => r.Closure is { Verified: 2, Overdue: 1 } && r.Open is { Red: 1, Yellow: 1 });
        var ofA = await Reports.GetDecisionItemReportAsync(june, As(Roles.SubsidiaryAdmin, a));

        group.Open.Should().BeEquivalentTo(new { Green = 0, Yellow = 1, Red = 1 });
        group.PerAlliance.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Key = alliance.ToString(), Name = "城东联盟", Yellow = 1, Red = 1 });
        group.PerSubsidiary.Select(s => (s.Key, s.Red, s.Yellow)).Should().Equal((b.ToString(), 1, 1));
        group.Closure.Should().BeEquivalentTo(new { Verified = 2, OnTime = 1, Late = 1, Overdue = 1, Rate = 0.3333 });
        group.ClosurePerMonth.Select(m => (m.Month, m.OnTime)).Should().Equal(("2026-06", 1));
        ofA.Open.Should().BeEquivalentTo(new { Green = 0, Yellow = 0, Red = 0 });
        ofA.Closure.Should().BeEquivalentTo(new { Verified = 2, OnTime = 1, Late = 1, Overdue = 0, Rate = 0.5 });
    }

    [Fact]
    public async Task Bad_input_and_other_subsidiaries_are_refused()
    {
        var mine = Id();
        async Task<StatusCode> StatusOf(Func<Task> call)
        {
            try { await call(); return StatusCode.OK; }
            catch (RpcException e) { return e.StatusCode; }
        }

        (await StatusOf(() => Reports.GetAttendanceRatesAsync(new() { FromMonth = "2026-05", ToMonth = "2026-04" }, As(Roles.GroupAdmin)).ResponseAsync))
            .Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(() => Reports.GetDecisionItemReportAsync(new() { ToMonth = "2026-13" }, As(Roles.GroupAdmin)).ResponseAsync))
            .Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(() => Reports.GetOrganizationLifeComplianceAsync(new() { On = "2026-02-30" }, As(Roles.GroupAdmin)).ResponseAsync))
            .Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(() => Reports.GetOrganizationLifeComplianceAsync(new() { PageSize = 500 }, As(Roles.GroupAdmin)).ResponseAsync))
            .Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(() => Reports.GetAttendanceRatesAsync(new() { SubsidiaryId = Id().ToString() }, As(Roles.GroupAdmin)).ResponseAsync))
            .Should().Be(StatusCode.NotFound, "reporting knows no such subsidiary");
        (await StatusOf(() => Reports.GetDecisionItemReportAsync(new() { SubsidiaryId = Id().ToString() }, As(Roles.SubsidiaryAdmin, mine)).ResponseAsync))
            .Should().Be(StatusCode.NotFound);
        (await Reports.GetAttendanceRatesAsync(new(), As(Roles.Member, mine))).Total.Invited.Should().Be(0);
    }
}

static class ComplianceRequests
{
    public static GetOrganizationLifeComplianceRequest WithPage(this GetOrganizationLifeComplianceRequest request, int page, int pageSize)
    {
        var copy = request.Clone();
        (copy.Page, copy.PageSize) = (page, pageSize);
        return copy;
    }
}
