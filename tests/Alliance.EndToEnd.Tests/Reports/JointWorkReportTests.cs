using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;

namespace Alliance.EndToEnd.Tests.Reports;

/// <summary>Joint work counted by reporting from the activity service's events, through the gateway and on the console.</summary>
[Collection(StackCollection.Name)]
public class JointWorkReportTests(StackFixture stack) : ConsoleBrowserTest
{
    sealed record MonthMeasureCount(string Month, string Measure, int Held, int Planned);
    sealed record MeasureCount(string Measure, int Held, int Planned);
    sealed record AllianceActivityCount(Guid AllianceId, string Name, int Held, int Planned);
    sealed record OrganizationActivityCount(Guid OrganizationId, string Name, int Held, int Planned);
    sealed record ActivityCounts(string FromMonth, string ToMonth, int Held, int Planned, int Cancelled, List<MonthMeasureCount> PerMonth,
        List<MeasureCount> PerMeasure, List<AllianceActivityCount> PerAlliance, List<OrganizationActivityCount> PerOrganization);

    static Task<HttpResponseMessage> HeldAsync(HttpClient client, Activity a) =>
        client.PostAsJsonAsync($"/api/v1/activities/{a.Id}/held", new { outcomeNotes = "圆满完成", expectedVersion = a.Version });

    [Fact]
    public async Task Activities_held_and_planned_are_counted_for_each_hosts_subsidiary_per_month_measure_and_alliance()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var joint = await groupAdmin.ScheduleAsync(Body([s.CommitteeA, s.CommitteeB], allianceId: s.Alliance.Id, startsAt: "2026-03-05T14:00", endsAt: "2026-03-05T16:00"));
        (await HeldAsync(groupAdmin, joint)).StatusCode.Should().Be(HttpStatusCode.OK);
        await groupAdmin.ScheduleAsync(Body([s.CommitteeA], startsAt: "2026-04-01T00:30", endsAt: "2026-04-01T02:00", typeId: PartyDay));
        var period = "from=2026-03&to=2026-04";

        var ofA = await EventuallyAsync(() => groupAdmin.GetFromJsonAsync<ActivityCounts>($"/api/v1/dashboard/activities?subsidiaryId={s.A}&{period}")!,
            c => c!.Held == 1 && c.Planned == 1);
        var ofB = await EventuallyAsync(() => groupAdmin.GetFromJsonAsync<ActivityCounts>($"/api/v1/dashboard/activities?subsidiaryId={s.B}&{period}")!,
            c => c!.Held == 1);
        var asMemberOfC = await (await stack.SignedInAsync(Roles.Member, s.C)).GetFromJsonAsync<ActivityCounts>($"/api/v1/dashboard/activities?{period}");

        ofA!.PerMonth.Should().Equal(new MonthMeasureCount("2026-03", "study", 1, 0), new MonthMeasureCount("2026-04", "organization", 0, 1));
        ofA.PerAlliance.Should().ContainSingle().Which.Should().Be(new AllianceActivityCount(s.Alliance.Id, s.Alliance.Name, 1, 0));
        ofA.PerOrganization.Should().ContainSingle().Which.OrganizationId.Should().Be(s.CommitteeA);
        (ofB!.Held, ofB.Planned).Should().Be((1, 0), "the joint activity counts for B's host as well");
        (asMemberOfC!.Held, asMemberOfC.Planned).Should().Be((0, 0));
    }

    [Fact]
    public async Task Bad_periods_are_field_errors_and_another_subsidiary_is_not_found()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var member = await stack.SignedInAsync(Roles.Member, s.A);

        (await (await groupAdmin.GetAsync("/api/v1/dashboard/activities?from=2026-3x")).ProblemAsync(400)).Errors!.Should().ContainKey("from");
        (await (await groupAdmin.GetAsync("/api/v1/dashboard/activities?from=2026-05&to=2026-01")).ProblemAsync(400)).Errors!.Should().ContainKey("to");
        (await member.GetAsync($"/api/v1/dashboard/activities?subsidiaryId={s.B}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_subsidiary_report_shows_joint_work_as_a_chart_by_measure()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var earlier = today.AddDays(-2).ToString("yyyy-MM-dd");
        var held = await groupAdmin.ScheduleAsync(Body([s.CommitteeA], allianceId: s.Alliance.Id, startsAt: $"{earlier}T09:00", endsAt: $"{earlier}T11:00"));
        (await HeldAsync(groupAdmin, held)).StatusCode.Should().Be(HttpStatusCode.OK);
        await EventuallyAsync(() => groupAdmin.GetFromJsonAsync<ActivityCounts>($"/api/v1/dashboard/activities?subsidiaryId={s.A}")!, c => c!.Held == 1);

        var page = await NewPageAsync();
        await ScenarioAsync(page, "joint-work-report", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("subsidiary-admin");
            await page.GetByTestId("subsidiary-id-input").FillAsync(s.A.ToString());
            await page.GetByTestId("username-input").FillAsync("report.admin");
            await page.GetByTestId("signin-button").ClickAsync();
            // Signed in (the session is stored) before the report is opened, or the console would ask to sign in again.
            await page.GetByTestId("current-role").WaitForAsync();
            await page.GotoAsync(new Uri(stack.Gateway, $"/subsidiaries/{s.A}/report").ToString());

            await page.GetByTestId("joint-work-chart").WaitForAsync();
            (await page.GetByTestId("joint-work-held").InnerTextAsync()).Should().Be("1");
            var bar = page.Locator($"[data-testid=joint-work-chart] rect[data-measure=study][data-kind=held]");
            (await bar.CountAsync()).Should().Be(1);
            (await bar.GetAttributeAsync("data-month")).Should().Be(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-2).ToString("yyyy-MM"));
            (await page.GetByTestId("joint-work-measures").InnerTextAsync()).Should().Contain("理论联学");
            (await page.GetByTestId("joint-work-alliances").InnerTextAsync()).Should().Contain(s.Alliance.Name);
        });
    }
}
