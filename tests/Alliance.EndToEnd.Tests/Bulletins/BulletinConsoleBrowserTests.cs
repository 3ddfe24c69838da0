using Alliance.Contracts;
using Alliance.EndToEnd.Tests.Activities;
using Microsoft.Playwright;

namespace Alliance.EndToEnd.Tests.Bulletins;

/// <summary>The bulletin pages in Debian's Chromium, headless, against the whole stack: two group admins, one edits, the other reviews.</summary>
[Collection(StackCollection.Name)]
public class BulletinConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    static async Task SignInAsync(IPage page, Uri gateway, string userName)
    {
        await page.GotoAsync(gateway.ToString());
        await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
        await page.GetByTestId("username-input").FillAsync(userName);
        await page.GetByTestId("signin-button").ClickAsync();
        await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();
    }

    [Fact]
    public async Task An_admin_generates_edits_and_submits_a_bulletin_another_approves_and_publishes_it_and_it_is_in_the_archive()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var editor = await NewPageAsync();
        var reviewer = await NewPageAsync();
        string? url = null;

        await ScenarioAsync(editor, "bulletin-editor", async () =>
        {
            await SignInAsync(editor, stack.Gateway, "战报编辑");
            await editor.GetByTestId("nav-bulletins").ClickAsync();
            (await editor.Locator("h1").First.InnerTextAsync()).Should().Be("攻坚战报");
            await editor.Locator($"[data-testid=bulletin-scope] option[value='{s.Alliance.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await editor.GetByTestId("bulletin-scope").SelectOptionAsync(s.Alliance.Id.ToString());
            await editor.GetByTestId("bulletin-month").FillAsync("2026-03");
            await editor.GetByTestId("bulletin-generate").ClickAsync();
            await editor.GetByTestId("created-link").ClickAsync();
            await editor.GetByTestId("bulletin-revise-form").WaitForAsync();
            (await editor.GetByTestId("bulletin-state-text").InnerTextAsync()).Should().Be("草稿");

            await editor.GetByTestId("bulletin-title-zh").FillAsync("三月攻坚战报");
            await editor.GetByTestId("bulletin-title-en").FillAsync("March bulletin");
            await editor.GetByTestId("bulletin-lead-zh").FillAsync("本月联盟攻坚成效显著");
            await editor.GetByTestId("bulletin-lead-en").FillAsync("A month of joint progress");
            await editor.GetByTestId("section-activities-zh").FillAsync("联建活动有序开展");
            await editor.GetByTestId("bulletin-revise").ClickAsync();
            await editor.Locator("h1").Filter(new() { HasText = "三月攻坚战报" }).WaitForAsync();
            (await editor.GetByTestId("bulletin-lead").InnerTextAsync()).Should().Be("本月联盟攻坚成效显著");
            await editor.GetByTestId("bulletin-submit").ClickAsync();
            await editor.GetByTestId("bulletin-state-text").Filter(new() { HasText = "审核中" }).WaitForAsync();
            (await editor.GetByTestId("bulletin-approve").CountAsync()).Should().Be(1, "a group admin reviews, but the service refuses the submitter");
            url = editor.Url;
        });

        await ScenarioAsync(reviewer, "bulletin-reviewer", async () =>
        {
            await SignInAsync(reviewer, stack.Gateway, "战报审核");
            await reviewer.GotoAsync(url!);
            await reviewer.GetByTestId("bulletin-approve").ClickAsync();
            await reviewer.GetByTestId("bulletin-state-text").Filter(new() { HasText = "已审核" }).WaitForAsync();
            await reviewer.GetByTestId("bulletin-publish").ClickAsync();
            await reviewer.GetByTestId("bulletin-state-text").Filter(new() { HasText = "已发布" }).WaitForAsync();
            await reviewer.GetByTestId("bulletin-pdf-zh-CN").WaitForAsync();
            var download = await reviewer.RunAndWaitForDownloadAsync(() => reviewer.GetByTestId("bulletin-pdf-en-US").ClickAsync());
            download.SuggestedFilename.Should().EndWith(".pdf");
            (await reviewer.GetByTestId("history-entry").CountAsync()).Should().Be(5);

            await reviewer.GetByTestId("nav-bulletins").ClickAsync();
            await reviewer.Locator($"[data-testid=bulletins-scope] option[value='{s.Alliance.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await reviewer.GetByTestId("bulletins-scope").SelectOptionAsync(s.Alliance.Id.ToString());
            await reviewer.GetByTestId("bulletins-state").SelectOptionAsync("published");
            var row = reviewer.GetByTestId("bulletin-row").Filter(new() { HasText = "三月攻坚战报" });
            await row.WaitForAsync();
            (await row.InnerTextAsync()).Should().Contain("2026-03").And.Contain("已发布");

            await reviewer.GetByTestId("lang-switch").ClickAsync();
            (await reviewer.Locator("h1").First.InnerTextAsync()).Should().Be("Bulletins");
            await reviewer.Locator($"[data-testid=bulletins-scope] option[value='{s.Alliance.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await reviewer.GetByTestId("bulletins-scope").SelectOptionAsync(s.Alliance.Id.ToString());
            await reviewer.GetByTestId("bulletin-row").Filter(new() { HasText = "March bulletin" }).WaitForAsync();
        });
    }
}
