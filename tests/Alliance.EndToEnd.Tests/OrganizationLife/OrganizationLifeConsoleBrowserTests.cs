using Alliance.Contracts;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.OrganizationLife.OrganizationLifeApi;

namespace Alliance.EndToEnd.Tests.OrganizationLife;

/// <summary>The organization-life board and the notification bell of the web console in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class OrganizationLifeConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task A_secretary_sees_the_board_in_colours_opens_a_branch_and_reads_notifications_from_the_bell_in_both_languages()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var suffix = NewCode("C")[..6];
        var (subsidiary, _, branch) = await admin.BranchAsync("看板企业" + suffix);
        await admin.HoldAsync(branch.Id, BranchAssembly);
        await stack.PlaceNotificationAsync(subsidiary.Id, branch.Id, "reminder", "支委会待召开" + suffix, $"/organization-life/organizations/{branch.Id}");
        await stack.PlaceNotificationAsync(subsidiary.Id, branch.Id, "overdue", "党小组会已逾期" + suffix);
        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id, "看板书记");
        var unread = await secretary.UnreadAsync();

        var page = await NewPageAsync();
        await ScenarioAsync(page, "organization-life-board", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("secretary");
            await page.GetByTestId("subsidiary-id-input").FillAsync(subsidiary.Id.ToString());
            await page.GetByTestId("username-input").FillAsync("看板书记");
            await page.GetByTestId("signin-button").ClickAsync();

            // The bell, on every page, with the unread count.
            var count = page.GetByTestId("bell-count");
            await page.Locator("[data-testid=bell-count]:not([hidden])").WaitForAsync();
            (await count.InnerTextAsync()).Should().Be(unread.ToString());

            // The board of the subsidiary: the branch with its meetings coloured by state.
            await page.GetByTestId("nav-organization-life").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("组织生活（三会一课）");
            var row = page.GetByTestId("org-life-row").Filter(new() { HasText = branch.Name });
            await row.WaitForAsync();
            (await row.Locator("[data-testid=rule-state][data-state=done]").InnerTextAsync()).Should().Contain("支部党员大会").And.Contain("已开");
            (await row.Locator("[data-testid=rule-state][data-state=due]").CountAsync()).Should().Be(3);
            (await page.GetByTestId("org-life-summary").InnerTextAsync()).Should().Contain("已开 1 项");
            (await page.Locator("[data-testid=rule-state][data-state=done]").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"))
                .Should().Be("rgb(231, 245, 236)");

            // A past month: last December's meetings are overdue, in red.
            await page.GetByTestId("org-life-month").FillAsync($"{DateTime.UtcNow.Year - 1}-12");
            await page.GetByTestId("org-life-show").ClickAsync();
            await page.Locator("[data-testid=org-life-row] [data-testid=rule-state][data-state=overdue]").First.WaitForAsync();
            (await row.Locator("[data-testid=rule-state][data-state=overdue]").CountAsync()).Should().Be(4);

            // The branch's own board.
            await row.GetByTestId("org-life-link").ClickAsync();
            await page.GetByTestId("org-board-table").WaitForAsync();
            (await page.GetByTestId("org-board-title").InnerTextAsync()).Should().Contain(branch.Name);
            (await page.Locator("[data-testid=org-board-row][data-state=overdue]").CountAsync()).Should().Be(4);

            // The bell opens the inbox; reading one lowers the count.
            await page.GetByTestId("bell").ClickAsync();
            var notice = page.GetByTestId("notification").Filter(new() { HasText = "党小组会已逾期" + suffix });
            await notice.WaitForAsync();
            (await notice.GetAttributeAsync("data-read")).Should().Be("false");
            await notice.GetByTestId("notification-mark-read").ClickAsync();
            await page.Locator($"[data-testid=notification][data-read=true]").Filter(new() { HasText = "党小组会已逾期" + suffix }).WaitForAsync();
            await page.Locator($"[data-testid=bell-count][data-unread='{unread - 1}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("notifications-mark-all").ClickAsync();
            await page.Locator("[data-testid=bell-count][data-unread='0']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            (await page.GetByTestId("bell-count").IsHiddenAsync()).Should().BeTrue();

            // In English.
            await page.GetByTestId("lang-switch").ClickAsync();
            await page.GetByTestId("nav-organization-life").ClickAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("Organization life (three meetings and one lesson)");
            var englishRow = page.GetByTestId("org-life-row").Filter(new() { HasText = branch.Name });
            await englishRow.WaitForAsync();
            (await englishRow.Locator("[data-testid=rule-state][data-state=done]").InnerTextAsync()).Should().Contain("Branch members' assembly").And.Contain("Done");
            (await page.GetByTestId("bell").GetAttributeAsync("aria-label")).Should().Be("Notifications");
        });
        (await secretary.UnreadAsync()).Should().Be(0);
    }
}
