using Microsoft.Playwright;

namespace Alliance.EndToEnd.Tests;

/// <summary>The web console in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class ConsoleBrowserTests(StackFixture stack) : ConsoleBrowserTest
{
    static async Task<int> CountAsync(IPage page, string testId) =>
        int.Parse((await page.GetByTestId(testId).InnerTextAsync()).Replace(",", "").Trim());

    [Fact]
    public async Task A_group_admin_signs_in_creates_a_subsidiary_and_sees_the_dashboard_count_it_in_both_languages()
    {
        var page = await NewPageAsync();
        await ScenarioAsync(page, "signin-create-dashboard", async () =>
        {
        await page.GotoAsync(stack.Gateway.ToString());

        // Chinese by default.
        await page.GetByTestId("signin-form").WaitForAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("zh-CN");
        await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
        await page.GetByTestId("username-input").FillAsync("测试管理员");
        await page.GetByTestId("signin-button").ClickAsync();

        await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();
        (await page.Locator("h1").First.InnerTextAsync()).Should().Contain("集团看板");
        var before = await CountAsync(page, "dashboard-subsidiaries");

        await page.GetByTestId("nav-subsidiaries").ClickAsync();
        await page.GetByTestId("subsidiary-code").FillAsync("WEB" + Guid.NewGuid().ToString("N")[..6]);
        await page.GetByTestId("subsidiary-name").FillAsync("浏览器创建的企业");
        await page.GetByTestId("subsidiary-submit").ClickAsync();
        await page.GetByTestId("success-banner").WaitForAsync();

        await page.GetByTestId("nav-dashboard").ClickAsync();
        await page.WaitForFunctionAsync(
            "n => Number(document.querySelector('[data-testid=dashboard-subsidiaries]')?.textContent.replace(/,/g, '')) === n",
            before + 1, new PageWaitForFunctionOptions { Timeout = 20_000 });
        (await page.GetByTestId("dashboard-table").InnerTextAsync()).Should().Contain("浏览器创建的企业");

        // And in English.
        await page.GetByTestId("lang-switch").ClickAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en-US'");
        (await page.Locator("h1").First.InnerTextAsync()).Should().Contain("Group dashboard");
        (await CountAsync(page, "dashboard-subsidiaries")).Should().Be(before + 1);
        });
    }

    [Fact]
    public async Task A_create_form_shows_the_field_errors_the_gateway_returns()
    {
        var page = await NewPageAsync();
        await ScenarioAsync(page, "field-errors", async () =>
        {
        await page.GotoAsync(stack.Gateway.ToString());
        await page.GetByTestId("username-input").FillAsync("admin");
        await page.GetByTestId("signin-button").ClickAsync();
        await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();

        await page.GetByTestId("nav-subsidiaries").ClickAsync();
        await page.GetByTestId("subsidiary-code").FillAsync("bad code!");
        await page.GetByTestId("subsidiary-name").FillAsync("名称");
        await page.GetByTestId("subsidiary-submit").ClickAsync();

        await page.GetByTestId("code-error").WaitForAsync();
        (await page.GetByTestId("code-error").InnerTextAsync()).Should().NotBeNullOrWhiteSpace();
        });
    }
}
