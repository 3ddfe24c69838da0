using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using Alliance.EndToEnd.Tests.Alliances;
using Alliance.EndToEnd.Tests.Meetings;
using Alliance.EndToEnd.Tests.People;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Attendance.AttendanceApi;
using static Alliance.EndToEnd.Tests.OrganizationLife.OrganizationLifeApi;

namespace Alliance.EndToEnd.Tests.Reports;

/// <summary>
/// Attendance rates, organization-life compliance and decision items (ADR 37) through the gateway on the whole stack:
/// the figures reporting projects from the activity service's events, who may read them, bad input, and the dashboard charts.
/// </summary>
[Collection(StackCollection.Name)]
public class JointWorkDashboardTests(StackFixture stack) : ConsoleBrowserTest
{
    public sealed record AttendanceRate(string Key, string Name, int Activities, int Invited, int CheckedIn, double Rate);
    public sealed record AttendanceRates(string FromMonth, string ToMonth, AttendanceRate Total, int ActivitiesWithoutInvitations, List<AttendanceRate> PerMonth,
        List<AttendanceRate> PerAlliance, List<AttendanceRate> PerSubsidiary, List<AttendanceRate> PerOrganization, List<AttendanceRate> PerActivity);
    public sealed record ComplianceCount(int Bound, int Done, int Due, int Overdue, double Rate);
    public sealed record RuleCompliance(Guid RuleId, string NameZh, string NameEn, string OrganizationKind, string Period, string PeriodKey, string DueOn, ComplianceCount Count);
    public sealed record SubsidiaryCompliance(Guid SubsidiaryId, string Name, int Organizations, ComplianceCount Count);
    public sealed record RuleState(Guid RuleId, string PeriodKey, string State, int HeldCount);
    public sealed record BranchCompliance(Guid OrganizationId, string Name, Guid SubsidiaryId, string Kind, List<RuleState> Rules);
    public sealed record Compliance(string On, ComplianceCount Total, List<SubsidiaryCompliance> PerSubsidiary, List<RuleCompliance> PerRule,
        List<BranchCompliance> Organizations, int TotalOrganizations, int Page, int PageSize);
    public sealed record Colours(string Key, string Name, int Green, int Yellow, int Red);
    public sealed record Closure(string Month, int Verified, int OnTime, int Late, int Overdue, double Rate);
    public sealed record Supervision(string FromMonth, string ToMonth, Colours Open, List<Colours> PerAlliance, List<Colours> PerSubsidiary,
        Closure Closure, List<Closure> ClosurePerMonth);

    static string GroupToday => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");

    /// <summary>A subsidiary with a committee of two members, both invited to an activity held now; one of them checked in.</summary>
    async Task<(Guid Subsidiary, Guid Committee, Activity Activity)> AttendedAsync(HttpClient groupAdmin)
    {
        var (subsidiary, committee) = await groupAdmin.SubsidiaryWithCommitteeAsync(NewCode("出勤企业"));
        var admin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, subsidiary.Id, "王管理员");
        var zhang = await admin.JoinAsync((await admin.RegisterPersonAsync(subsidiary.Id, "张三")).Id, committee.Id);
        var li = await admin.JoinAsync((await admin.RegisterPersonAsync(subsidiary.Id, "李四")).Id, committee.Id);
        var activity = await admin.ScheduleAsync(Now([committee.Id], "支部联学：出勤"));
        await admin.InviteAsync(activity.Id, new { personId = zhang.Id });
        await admin.InviteAsync(activity.Id, new { personId = li.Id });
        var zhangsan = await stack.SignedInAsync(Roles.Member, subsidiary.Id, "zhangsan");
        await EnsureAsync(await zhangsan.CheckInAsync(activity.Id, null, zhang.Id), 201);
        var current = await admin.GetActivityAsync(activity.Id);
        await EnsureAsync(await admin.PostAsJsonAsync($"/api/v1/activities/{activity.Id}/held", new { outcomeNotes = "圆满", expectedVersion = current.Version }), 200);
        return (subsidiary.Id, committee.Id, activity);
    }

    [Fact]
    public async Task Attendance_rates_count_the_invited_who_checked_in_at_held_activities_of_the_subsidiary()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee, activity) = await AttendedAsync(groupAdmin);

        var rates = await EventuallyAsync(() => groupAdmin.GetFromJsonAsync<AttendanceRates>($"/api/v1/dashboard/attendance?subsidiaryId={subsidiary}")!,
            r => r!.Total.Invited == 2 && r.Total.CheckedIn == 1);
        var asMember = await (await stack.SignedInAsync(Roles.Member, subsidiary)).GetFromJsonAsync<AttendanceRates>("/api/v1/dashboard/attendance");

        rates!.Total.Should().Be(new AttendanceRate("", "", 1, 2, 1, 0.5));
        rates.PerSubsidiary.Should().ContainSingle().Which.Key.Should().Be(subsidiary.ToString());
        rates.PerOrganization.Should().ContainSingle().Which.Should().Match<AttendanceRate>(o => o.Key == committee.ToString() && o.Rate == 0.5);
        rates.PerActivity.Should().ContainSingle().Which.Key.Should().Be(activity.Id.ToString());
        asMember!.Total.Should().Be(rates.Total);
    }

    [Fact]
    public async Task Organization_life_compliance_shows_each_branch_held_or_not_in_its_rules_period()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee, branch) = await groupAdmin.BranchAsync(NewCode("组织生活企业"));
        var admin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, subsidiary.Id, "规则管理员");
        var rule = await (await admin.PostAsJsonAsync("/api/v1/organization-life/rules", new
        {
            subsidiaryId = subsidiary.Id, organizationKind = "branch", nameZh = "支部联学", nameEn = "Branch study", period = "monthly",
            activityTypeIds = new[] { JointStudy }, remindDaysBefore = 3,
        })).ReadAsync<MeetingRule>(201);
        var heldOn = DateTimeOffset.UtcNow.AddHours(-2).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        await admin.HoldAsync(branch.Id, JointStudy);

        var compliance = await EventuallyAsync(
            () => admin.GetFromJsonAsync<Compliance>($"/api/v1/dashboard/organization-life?subsidiaryId={subsidiary.Id}&on={heldOn}")!,
            c => c!.PerRule.Any(r => r.RuleId == rule.Id && r.Count.Done == 1));

        compliance!.PerRule.Single(r => r.RuleId == rule.Id).Count.Should().Be(new ComplianceCount(1, 1, 0, 0, 1));
        compliance.Organizations.Should().Contain(o => o.OrganizationId == branch.Id)
            .Which.Rules.Should().ContainSingle(r => r.RuleId == rule.Id).Which.State.Should().Be("done");
        compliance.PerSubsidiary.Should().ContainSingle().Which.SubsidiaryId.Should().Be(subsidiary.Id);
        compliance.Organizations.Should().NotContain(o => o.OrganizationId == committee.Id && o.Rules.Any(r => r.RuleId == rule.Id), "the rule binds branches");
    }

    [Fact]
    public async Task Open_decision_items_are_counted_by_colour_per_alliance_and_owner_subsidiary()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, meeting, unitA, unitB, _) = await groupAdmin.MeetingSettingAsync();
        await groupAdmin.RecordItemAsync(meeting.Id, MeetingApi.ItemBody(unitA, unitB, title: "共建阵地"));
        await groupAdmin.RecordItemAsync(meeting.Id, MeetingApi.ItemBody(unitA, unitB, title: "联合培训"));
        await groupAdmin.RecordItemAsync(meeting.Id, MeetingApi.ItemBody(unitB, unitA, title: "结对帮扶"));

        var ofA = await EventuallyAsync(() => groupAdmin.GetFromJsonAsync<Supervision>($"/api/v1/dashboard/supervision?subsidiaryId={s.A}")!,
            r => r!.Open.Green == 2);
        var all = await groupAdmin.GetFromJsonAsync<Supervision>("/api/v1/dashboard/supervision");
        var asSecretaryOfB = await (await stack.SignedInAsync(Roles.Secretary, s.B)).GetFromJsonAsync<Supervision>("/api/v1/dashboard/supervision");

        ofA!.Open.Should().Be(new Colours("", "", 2, 0, 0));
        ofA.PerAlliance.Should().ContainSingle().Which.Should().Be(new Colours(s.Alliance.Id.ToString(), s.Alliance.Name, 2, 0, 0));
        all!.PerAlliance.Should().Contain(new Colours(s.Alliance.Id.ToString(), s.Alliance.Name, 3, 0, 0));
        asSecretaryOfB!.PerAlliance.Should().ContainSingle(a => a.Key == s.Alliance.Id.ToString()).Which.Green.Should().Be(1);
        ofA.Closure.Should().Be(new Closure("", 0, 0, 0, 0, 0), "nothing is due yet");
    }

    [Fact]
    public async Task Each_role_reads_its_own_subsidiary_a_group_admin_any_and_partners_none()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        string[] paths = ["/api/v1/dashboard/attendance", "/api/v1/dashboard/organization-life", "/api/v1/dashboard/supervision"];
        var partner = await stack.SignedInAsync(Roles.Partner, userName: NewCode("partner"));
        foreach (var path in paths)
        {
            (await groupAdmin.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);
            (await groupAdmin.GetAsync($"{path}?subsidiaryId={s.B}")).StatusCode.Should().Be(HttpStatusCode.OK, path);
            foreach (var role in new[] { Roles.SubsidiaryAdmin, Roles.Secretary, Roles.Member })
            {
                var client = await stack.SignedInAsync(role, s.A);
                (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, $"{role} {path}");
                (await client.GetAsync($"{path}?subsidiaryId={s.A}")).StatusCode.Should().Be(HttpStatusCode.OK, $"{role} {path} own");
                (await client.GetAsync($"{path}?subsidiaryId={s.B}")).StatusCode.Should().Be(HttpStatusCode.NotFound, $"{role} {path} other");
            }
            (await partner.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"partner {path}");
        }
    }

    [Fact]
    public async Task Bad_input_is_a_field_error_and_an_unknown_subsidiary_is_not_found()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);

        (await (await groupAdmin.GetAsync("/api/v1/dashboard/attendance?from=2026-05&to=2026-01")).ProblemAsync(400)).Errors!.Should().ContainKey("to");
        (await (await groupAdmin.GetAsync("/api/v1/dashboard/supervision?from=2026-5x")).ProblemAsync(400)).Errors!.Should().ContainKey("from");
        (await (await groupAdmin.GetAsync("/api/v1/dashboard/supervision?from=2020-01&to=2026-01")).ProblemAsync(400)).Errors!.Should().ContainKey("to");
        (await (await groupAdmin.GetAsync("/api/v1/dashboard/organization-life?on=2026-02-30")).ProblemAsync(400)).Errors!.Should().ContainKey("on");
        (await (await groupAdmin.GetAsync("/api/v1/dashboard/organization-life?pageSize=0")).ProblemAsync(400)).Errors!.Should().ContainKey("pageSize");
        (await (await groupAdmin.GetAsync("/api/v1/dashboard/organization-life?pageSize=201")).ProblemAsync(400)).Errors!.Should().ContainKey("pageSize");
        foreach (var path in new[] { "attendance", "organization-life", "supervision" })
            (await groupAdmin.GetAsync($"/api/v1/dashboard/{path}?subsidiaryId={Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
    }

    [Fact]
    public async Task The_dashboard_and_the_subsidiary_report_chart_the_figures_the_api_returns()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee, _) = await AttendedAsync(groupAdmin);
        var rule = await (await groupAdmin.PostAsJsonAsync("/api/v1/organization-life/rules", new
        {
            subsidiaryId = subsidiary, organizationKind = "committee", nameZh = "党委联学", nameEn = "Committee study", period = "yearly",
            activityTypeIds = new[] { JointStudy }, remindDaysBefore = 3,
        })).ReadAsync<MeetingRule>(201);
        var (s, meeting, unitA, unitB, _) = await groupAdmin.MeetingSettingAsync();
        await groupAdmin.RecordItemAsync(meeting.Id, MeetingApi.ItemBody(unitA, unitB, title: "共建阵地"));
        await groupAdmin.RecordItemAsync(meeting.Id, MeetingApi.ItemBody(unitB, unitA, title: "结对帮扶"));
        var attendance = await EventuallyAsync(() => groupAdmin.GetFromJsonAsync<AttendanceRates>($"/api/v1/dashboard/attendance?subsidiaryId={subsidiary}")!,
            r => r!.Total.CheckedIn == 1);
        var life = await EventuallyAsync(() => groupAdmin.GetFromJsonAsync<Compliance>($"/api/v1/dashboard/organization-life?subsidiaryId={subsidiary}")!,
            c => c!.PerRule.Any(r => r.RuleId == rule.Id && r.Count.Done == 1));
        var supervision = await EventuallyAsync(() => groupAdmin.GetFromJsonAsync<Supervision>($"/api/v1/dashboard/supervision?subsidiaryId={s.A}")!,
            r => r!.PerAlliance.Any(a => a.Key == s.Alliance.Id.ToString() && a.Green == 1));
        var wholeAlliance = (await groupAdmin.GetFromJsonAsync<Supervision>("/api/v1/dashboard/supervision"))!.PerAlliance.Single(a => a.Key == s.Alliance.Id.ToString());

        var page = await NewPageAsync();
        await ScenarioAsync(page, "joint-work-rates", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("报表管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            // The group dashboard: a row of the attendance table per subsidiary, a column of the supervision chart per alliance.
            await page.GetByTestId("attendance-chart").WaitForAsync();
            await page.GetByTestId("organization-life-chart").WaitForAsync();
            var row = page.Locator($"[data-testid=attendance-table] tr[data-key='{subsidiary}'] td");
            (await row.AllInnerTextsAsync()).Should().Equal("2", "1", "50%");
            var green = page.Locator($"[data-testid=supervision-chart] rect[data-key='{s.Alliance.Id}'][data-part=green]");
            (await green.GetAttributeAsync("data-count")).Should().Be(wholeAlliance.Green.ToString());

            // The subsidiary's report: its own figures.
            await page.GotoAsync(new Uri(stack.Gateway, $"/subsidiaries/{subsidiary}/report").ToString());
            await page.GetByTestId("attendance-chart").WaitForAsync();
            (await page.GetByTestId("attendance-rate").InnerTextAsync()).Should().Be("50%");
            (await page.GetByTestId("attendance-invited").InnerTextAsync()).Should().Be(attendance!.Total.Invited.ToString());
            (await page.Locator("[data-testid=attendance-chart] rect").Last.GetAttributeAsync("data-rate"))
                .Should().Be(attendance.PerMonth.Last().Rate.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var ruleRow = page.Locator($"[data-testid=organization-life-rules] tr[data-rule-id='{rule.Id}'] td");
            (await ruleRow.AllInnerTextsAsync()).Should().Equal(life!.PerRule.Single(r => r.RuleId == rule.Id).PeriodKey, "1", "0", "0", "100%");
            (await page.GetByTestId("organization-life-chart").GetAttributeAsync("aria-label")).Should().Contain("组织生活");
            await page.GetByTestId("supervision-report").WaitForAsync();

            // Subsidiary A's report: the decision items its units own.
            await page.GotoAsync(new Uri(stack.Gateway, $"/subsidiaries/{s.A}/report").ToString());
            await page.GetByTestId("supervision-chart").WaitForAsync();
            (await page.GetByTestId("supervision-green").InnerTextAsync()).Should().Be(supervision!.Open.Green.ToString());
        });
    }
}
