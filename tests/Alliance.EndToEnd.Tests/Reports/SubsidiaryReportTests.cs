using System.Net.Http.Json;
using Alliance.Contracts;
using Alliance.EndToEnd.Tests.People;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.Reports;

/// <summary>A subsidiary's report: reporting's views through the gateway and on the console page.</summary>
[Collection(StackCollection.Name)]
public class SubsidiaryReportTests(StackFixture stack) : ConsoleBrowserTest
{
    sealed record OrganizationMembers(Guid OrganizationId, string OrganizationName, int Full, int Probationary);
    sealed record CrossAppointment(int Secretaries, int CrossAppointed, double Ratio);
    sealed record SubsidiaryMembers(Guid SubsidiaryId, int Full, int Probationary, List<OrganizationMembers> PerOrganization);

    [Fact]
    public async Task Members_per_organization_carry_the_organizations_current_name_after_a_rename()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("报表企业" + Guid.NewGuid().ToString("N")[..4]);
        var committee = await admin.CreateOrganizationAsync(subsidiary.Id, "committee", name: "报表党委");
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", committee.Id, "机关党支部");
        await admin.JoinAsync((await admin.RegisterPersonAsync(subsidiary.Id, "钱七")).Id, branch.Id);
        await admin.JoinAsync((await admin.RegisterPersonAsync(subsidiary.Id, "孙八")).Id, branch.Id, status: "probationary");
        (await admin.PostAsJsonAsync($"/api/v1/organizations/{branch.Id}/rename", new { name = "综合管理党支部", expectedVersion = branch.Version }))
            .EnsureSuccessStatusCode();

        var members = await EventuallyAsync(
            () => admin.GetFromJsonAsync<SubsidiaryMembers>($"/api/v1/dashboard/subsidiaries/{subsidiary.Id}/members")!,
            // Each event type has its own queue: the rename may be projected before the second member joins.
            m => m!.PerOrganization.Any(o => o.OrganizationName == "综合管理党支部") && m.Full + m.Probationary == 2);

        members!.PerOrganization.Should().ContainSingle().Which.Should().Be(new OrganizationMembers(branch.Id, "综合管理党支部", 1, 1));
        (members.Full, members.Probationary).Should().Be((1, 1));
    }

    [Fact]
    public async Task The_report_page_shows_members_per_organization_by_name_and_the_cross_appointment_ratio()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("报表页面企业" + Guid.NewGuid().ToString("N")[..4]);
        var committee = await admin.CreateOrganizationAsync(subsidiary.Id, "committee", name: "页面党委");
        var secretary = await admin.RegisterPersonAsync(subsidiary.Id, "周九", managementPost: "总经理");
        await admin.JoinAsync(secretary.Id, committee.Id);
        await admin.AssignRoleAsync(secretary.Id, committee.Id, "secretary");
        await EventuallyAsync(
            () => admin.GetFromJsonAsync<SubsidiaryMembers>($"/api/v1/dashboard/subsidiaries/{subsidiary.Id}/members")!,
            m => m!.PerOrganization.Any(o => o.OrganizationName == "页面党委"));
        await EventuallyAsync(
            () => admin.GetFromJsonAsync<CrossAppointment>($"/api/v1/dashboard/subsidiaries/{subsidiary.Id}/cross-appointment")!,
            c => c!.Ratio == 1);

        var page = await NewPageAsync();
        await ScenarioAsync(page, "subsidiary-report", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("报表管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();
            await page.GotoAsync(new Uri(stack.Gateway, $"/subsidiaries/{subsidiary.Id}").ToString());
            await page.GetByTestId("open-report").ClickAsync();

            var row = page.GetByTestId("report-member-row");
            await row.WaitForAsync();
            (await row.Locator("th").InnerTextAsync()).Should().Be("页面党委");
            (await page.GetByTestId("report-full").InnerTextAsync()).Should().Be("1");
            (await page.GetByTestId("report-cross-ratio").InnerTextAsync()).Should().Be("100%");
        });
    }
}
