using Alliance.Contracts;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.TacklingProjects.ProjectApi;

namespace Alliance.EndToEnd.Tests.TacklingProjects;

/// <summary>The tackling project pages (and the other joint-work pages' navigation) in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class ProjectConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task A_secretary_creates_a_project_plans_and_reaches_a_milestone_records_an_outcome_and_reads_it_in_both_languages()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, _, _, bank) = await admin.ProjectSettingAsync();
        var title = NewCode("临港攻坚项目");

        var page = await NewPageAsync();
        await ScenarioAsync(page, "tackling-projects", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("项目管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

            await page.GetByTestId("nav-projects").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("攻坚项目");

            // A bad submit lands on the fields; then the project is created with the bank on its team.
            await page.GetByTestId("project-submit").ClickAsync();
            await page.GetByTestId("title-error").WaitForAsync();
            (await page.GetByTestId("category-error").InnerTextAsync()).Should().NotBeEmpty();
            await page.GetByTestId("project-title").FillAsync(title);
            await page.Locator("[data-testid=project-organization-subsidiary]:not([disabled])").WaitForAsync();
            await page.GetByTestId("project-organization-subsidiary").SelectOptionAsync(s.A.ToString());
            await page.Locator($"[data-testid=project-organization]:not([disabled]) option[value='{s.CommitteeA}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("project-organization").SelectOptionAsync(s.CommitteeA.ToString());
            await page.Locator($"[data-testid=project-alliance] option[value='{s.Alliance.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("project-alliance").SelectOptionAsync(s.Alliance.Id.ToString());
            await page.GetByTestId("project-category").SelectOptionAsync("major-engineering");
            await page.GetByTestId("project-year").FillAsync("2026");
            await page.GetByTestId("project-partner-contact").FillAsync("赵经理");
            await page.GetByTestId("project-submit").ClickAsync();
            await page.GetByTestId("created-link").WaitForAsync();
            var row = page.GetByTestId("project-row").Filter(new() { HasText = title });
            await row.WaitForAsync();
            (await row.InnerTextAsync()).Should().Contain("重大工程").And.Contain("计划中");

            // Its page: team, a milestone planned in the past (overdue), started, reached; an outcome in days ahead.
            await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await page.GetByTestId("project-details").WaitForAsync();
            (await page.GetByTestId("project-team").InnerTextAsync()).Should().Contain("赵经理").And.Contain("浦发银行");
            await page.GetByTestId("milestone-title").FillAsync("桩基完成");
            await page.GetByTestId("milestone-planned-on").FillAsync("2026-03-31");
            await page.GetByTestId("milestone-form-submit").ClickAsync();
            await page.GetByTestId("milestone-overdue").WaitForAsync();
            await page.GetByTestId("project-next-status").SelectOptionAsync("in-progress");
            await page.GetByTestId("project-status-form-submit").ClickAsync();
            await page.GetByTestId("milestone-reached-on").WaitForAsync();
            (await page.GetByTestId("project-status").InnerTextAsync()).Should().Be("推进中");
            await page.GetByTestId("milestone-reached-on").FillAsync("2026-03-20");
            await page.GetByTestId("milestone-reach").ClickAsync();
            await page.GetByTestId("milestone-reached").Filter(new() { HasText = "2026-03-20" }).WaitForAsync();
            (await page.GetByTestId("milestone-overdue").CountAsync()).Should().Be(0);
            await page.GetByTestId("outcome-label").FillAsync("工期提前");
            await page.GetByTestId("outcome-unit").SelectOptionAsync("days-ahead");
            await page.GetByTestId("outcome-value").FillAsync("270");
            await page.GetByTestId("outcome-form-submit").ClickAsync();
            await page.GetByTestId("outcome-row").WaitForAsync();
            (await page.GetByTestId("outcome-row").InnerTextAsync()).Should().Contain("270").And.Contain("天（提前工期）");
            (await page.GetByTestId("project-progress-text").InnerTextAsync()).Should().Contain("100");
            (await page.GetByTestId("history-entry").CountAsync()).Should().Be(5);

            // In English.
            await page.GetByTestId("lang-switch").ClickAsync();
            await page.GetByTestId("project-details").WaitForAsync();
            (await page.GetByTestId("project-status").InnerTextAsync()).Should().Be("In progress");
            (await page.GetByTestId("outcome-row").InnerTextAsync()).Should().Contain("days ahead of schedule");
            (await page.GetByTestId("project-category-text").InnerTextAsync()).Should().Be("Major engineering");

            // The other joint-work pages are in the navigation, in both languages.
            await page.GetByTestId("nav-cooperation").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("Cooperation agreements");
            await page.GetByTestId("nav-practical-projects").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("Practical projects");
            await page.GetByTestId("nav-shared-results").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("Shared results");
            await page.GetByTestId("lang-switch").ClickAsync();
            await page.GetByTestId("nav-cooperation").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("合作项目");
        });

        var stored = (await (await admin.GetAsync($"/api/v1/projects?search={Uri.EscapeDataString(title)}")).ReadAsync<PagedList<Project>>(200)).Items.Should().ContainSingle().Subject;
        stored.Should().Match<Project>(p => p.Status == "in-progress" && p.Progress == 1 && p.Outcomes.Count == 1 && p.CreatedBy == "项目管理员");
    }
}
