using Alliance.Contracts;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.People;

/// <summary>A person's page in the console: membership and roles changed through its forms, history kept.</summary>
[Collection(StackCollection.Name)]
public class PersonPageTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task An_admin_joins_transfers_and_appoints_a_person_and_sees_the_history_by_organization_name()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("人员详情企业" + Guid.NewGuid().ToString("N")[..4]);
        var committee = await admin.CreateOrganizationAsync(subsidiary.Id, "committee", name: "详情党委");
        var first = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", committee.Id, "第一党支部");
        var second = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", committee.Id, "第二党支部");
        var person = await admin.RegisterPersonAsync(subsidiary.Id, "吴十");

        var page = await NewPageAsync();
        await ScenarioAsync(page, "person-page", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("人事管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();
            await page.GotoAsync(new Uri(stack.Gateway, $"/subsidiaries/{subsidiary.Id}/people").ToString());
            await page.GetByTestId("person-link").ClickAsync();
            await page.GetByTestId("person-history-empty").WaitForAsync();
            (await page.Locator("h1").InnerTextAsync()).Should().Be("吴十");

            // Joining without an organization is a field error; then join the first branch.
            await page.GetByTestId("join-form-submit").ClickAsync();
            await page.GetByTestId("organizationId-error").WaitForAsync();
            await page.GetByTestId("join-organization").SelectOptionAsync(first.Id.ToString());
            await page.GetByTestId("join-date").FillAsync("2024-03-01");
            await page.GetByTestId("join-status").SelectOptionAsync("full");
            await page.GetByTestId("join-form-submit").ClickAsync();
            await page.GetByTestId("transfer-form").WaitForAsync();

            await page.GetByTestId("transfer-organization").SelectOptionAsync(second.Id.ToString());
            await page.GetByTestId("transfer-date").FillAsync("2025-01-01");
            await page.GetByTestId("transfer-form-submit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(2);
            var history = await page.GetByTestId("history-row").Locator("th").AllInnerTextsAsync();
            history.Should().BeEquivalentTo("第一党支部", "第二党支部");

            await page.GetByTestId("role-organization").SelectOptionAsync(second.Id.ToString());
            await page.GetByTestId("role-value").SelectOptionAsync("secretary");
            await page.GetByTestId("role-starts").FillAsync("2025-02-01");
            await page.GetByTestId("role-form-submit").ClickAsync();
            var role = page.GetByTestId("role-row");
            await role.WaitForAsync();
            (await role.InnerTextAsync()).Should().Contain("书记").And.Contain("第二党支部");
            await page.GetByTestId("end-role").ClickAsync();
            await Assertions.Expect(page.GetByTestId("end-role")).ToHaveCountAsync(0);
        });

        var stored = await admin.GetPersonAsync(person.Id);
        stored.Roles.Should().ContainSingle().Which.EndsOn.Should().NotBeNull();
    }
}
