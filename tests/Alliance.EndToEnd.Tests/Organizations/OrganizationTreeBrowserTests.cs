using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Organizations.OrganizationHistoryApi;

namespace Alliance.EndToEnd.Tests.Organizations;

/// <summary>The organization tree browser of the web console in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class OrganizationTreeBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(stack.Gateway.ToString());
        await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
        await page.GetByTestId("username-input").FillAsync("组织管理员");
        await page.GetByTestId("signin-button").ClickAsync();
        await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();
    }

    ILocator Row(IPage page, string name) => page.GetByTestId("org-row").Filter(new() { HasText = name });

    [Fact]
    public async Task An_admin_adds_a_child_renames_it_reads_its_history_and_dissolves_it_in_the_tree_browser()
    {
        var admin = await stack.SignedInAsync("group-admin");
        var subsidiary = await Api.CreateSubsidiaryAsync(admin, "树浏览企业" + Guid.NewGuid().ToString("N")[..4]);
        var committee = await admin.CreateDatedAsync(subsidiary.Id, "committee", null, "树浏览党委", "2020-01-01");

        var page = await NewPageAsync("zh-CN");
        await ScenarioAsync(page, "tree-add-rename-dissolve", async () =>
        {
            await SignInAsync(page);
            await page.GotoAsync(new Uri(stack.Gateway, $"/subsidiaries/{subsidiary.Id}").ToString());

            // Select the committee: its path, counts and history show.
            await Row(page, "树浏览党委").GetByTestId("org-select").ClickAsync();
            (await page.GetByTestId("org-details-name").InnerTextAsync()).Should().Contain("树浏览党委");
            (await page.GetByTestId("org-count-organizations").InnerTextAsync()).Should().Be("1");
            (await page.GetByTestId("org-history-item").CountAsync()).Should().Be(1);

            // Add a branch under it, dated.
            await page.GetByTestId("action-add-child").ClickAsync();
            await page.GetByTestId("child-name").FillAsync("第一党支部");
            await page.GetByTestId("child-kind").SelectOptionAsync("branch");
            await page.GetByTestId("action-effective-on").FillAsync("2024-03-01");
            await page.GetByTestId("action-submit").ClickAsync();
            await page.GetByTestId("org-details-name").Filter(new() { HasText = "第一党支部" }).WaitForAsync();
            (await page.GetByTestId("org-path-item").AllInnerTextsAsync()).Should().Equal("树浏览党委", "第一党支部");

            // Rename it; a date before its creation is refused next to the date field, then a valid one is taken.
            await page.GetByTestId("action-rename").ClickAsync();
            await page.GetByTestId("rename-name").FillAsync("机关第一党支部");
            await page.GetByTestId("action-effective-on").FillAsync("2024-01-01");
            await page.GetByTestId("action-submit").ClickAsync();
            await page.GetByTestId("effectiveOn-error").Filter(new() { HasText = "2024-03-01" }).WaitForAsync();
            await page.GetByTestId("action-effective-on").FillAsync("2025-01-01");
            await page.GetByTestId("action-submit").ClickAsync();
            await page.GetByTestId("org-details-name").Filter(new() { HasText = "机关第一党支部" }).WaitForAsync();

            // The history, newest first.
            var kinds = await page.GetByTestId("org-history-item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)");
            kinds.Should().Equal("renamed", "created");
            (await page.GetByTestId("org-history").InnerTextAsync()).Should().Contain("第一党支部").And.Contain("机关第一党支部").And.Contain("2025-01-01");

            // Dissolve it: it stays in view, marked dissolved, with nothing left to do to it.
            await page.GetByTestId("action-dissolve").ClickAsync();
            await page.GetByTestId("action-submit").ClickAsync();
            await page.GetByTestId("org-details-status").Filter(new() { HasText = "已撤销" }).WaitForAsync();
            (await page.GetByTestId("org-actions").CountAsync()).Should().Be(0);
            (await Row(page, "机关第一党支部").GetByTestId("org-status").InnerTextAsync()).Should().Be("已撤销");

            // The tree of a day before the rename shows the old name, read-only.
            await page.GetByTestId("tree-as-of").FillAsync("2024-06-30");
            await Row(page, "第一党支部").WaitForAsync();
            (await page.GetByTestId("org-row").AllInnerTextsAsync()).Should().NotContain(r => r.Contains("机关第一党支部"));
            await Row(page, "第一党支部").GetByTestId("org-select").ClickAsync();
            (await page.GetByTestId("org-actions").CountAsync()).Should().Be(0, "the past is read-only");
        });

        var stored = await admin.GetDatedAsync((await admin.TreeAsync(subsidiary.Id, "&includeEnded=true")).Single(o => o.ParentId == committee.Id).Id);
        stored.Should().Match<DatedOrganization>(o => o.Name == "机关第一党支部" && o.Status == "dissolved");
    }

    [Fact]
    public async Task Dissolving_an_organization_with_children_says_what_to_move_first_in_English()
    {
        var admin = await stack.SignedInAsync("group-admin");
        var subsidiary = await Api.CreateSubsidiaryAsync(admin, "Tree EN " + Guid.NewGuid().ToString("N")[..4]);
        var committee = await admin.CreateDatedAsync(subsidiary.Id, "committee", null, "Party committee", "2020-01-01");
        await admin.CreateDatedAsync(subsidiary.Id, "branch", committee.Id, "First branch", "2020-01-01");

        var page = await NewPageAsync("en-US");
        await ScenarioAsync(page, "tree-dissolve-refused", async () =>
        {
            await page.AddInitScriptAsync("localStorage.setItem('alliance.lang', 'en-US')");
            await SignInAsync(page);
            await page.GotoAsync(new Uri(stack.Gateway, $"/subsidiaries/{subsidiary.Id}").ToString());
            await Row(page, "Party committee").GetByTestId("org-select").ClickAsync();
            (await page.GetByTestId("org-count-organizations").InnerTextAsync()).Should().Be("2");

            await page.GetByTestId("action-dissolve").ClickAsync();
            (await page.GetByTestId("form-dissolve").InnerTextAsync()).Should().Contain("cannot be undone");
            await page.GetByTestId("action-submit").ClickAsync();

            (await page.GetByTestId("form-dissolve").GetByTestId("error-banner").InnerTextAsync()).Should().Contain("sub-organization");
        });
        (await admin.GetDatedAsync(committee.Id)).Status.Should().Be("active");
    }
}
