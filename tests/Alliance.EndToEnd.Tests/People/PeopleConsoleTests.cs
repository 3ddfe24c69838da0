using Alliance.Contracts;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.People;

/// <summary>The people page of the web console in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class PeopleConsoleTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task An_admin_registers_a_person_sees_the_field_error_for_a_bad_phone_and_then_finds_them_by_name()
    {
        var subsidiary = await (await stack.SignedInAsync(Roles.GroupAdmin)).CreateSubsidiaryAsync("人员页面企业");
        var page = await NewPageAsync();
        try
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("admin");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();
            await page.GotoAsync(new Uri(stack.Gateway, $"/subsidiaries/{subsidiary.Id}").ToString());
            await page.GetByTestId("open-people").ClickAsync();
            await page.GetByTestId("people-empty").WaitForAsync();

            await page.GetByTestId("person-name").FillAsync("赵六");
            await page.GetByTestId("person-phone").FillAsync("12345");
            await page.GetByTestId("person-submit").ClickAsync();
            await page.GetByTestId("phone-error").WaitForAsync();

            await page.GetByTestId("person-phone").FillAsync("13712345678");
            await page.GetByTestId("person-submit").ClickAsync();
            await page.GetByTestId("success-banner").WaitForAsync();
            await page.GetByTestId("person-row").WaitForAsync();

            await page.GetByTestId("people-search").FillAsync("赵");
            await page.WaitForFunctionAsync("() => location.search.includes('search=')");
            await page.GetByTestId("person-row").WaitForAsync();
            (await page.GetByTestId("people-table").InnerTextAsync()).Should().Contain("赵六").And.Contain("13712345678");
        }
        catch
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "people-page.png"), FullPage = true });
            throw;
        }
    }
}
