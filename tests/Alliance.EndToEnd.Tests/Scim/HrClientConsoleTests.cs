using Alliance.Contracts;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Scim.ScimApi;

namespace Alliance.EndToEnd.Tests.Scim;

/// <summary>The HR systems page of the web console in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class HrClientConsoleTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task An_admin_creates_an_HR_client_sees_the_secret_once_sees_provisioned_people_and_revokes_it()
    {
        var subsidiary = await (await stack.SignedInAsync(Roles.GroupAdmin)).CreateSubsidiaryAsync("人事接入页面企业");
        var page = await NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        try
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("subsidiary-admin");
            await page.GetByTestId("subsidiary-id-input").FillAsync(subsidiary.Id.ToString());
            await page.GetByTestId("username-input").FillAsync("hr-admin");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("nav-hrClients").ClickAsync();
            await page.GetByTestId("hr-client-empty").WaitForAsync();
            (await page.Locator("h1").InnerTextAsync()).Should().Be("人事系统接入");

            await page.GetByTestId("hr-client-submit").ClickAsync();
            await page.GetByTestId("name-error").WaitForAsync();

            await page.GetByTestId("hr-client-name").FillAsync("北森人事");
            await page.GetByTestId("hr-client-submit").ClickAsync();
            await page.GetByTestId("hr-client-secret-banner").WaitForAsync();
            var secret = await page.GetByTestId("hr-client-secret").InnerTextAsync();
            secret.Should().StartWith("hrs_");
            (await page.GetByTestId("hr-client-secret-banner").InnerTextAsync()).Should().Contain("只显示这一次");
            await page.GetByTestId("hr-client-copy").WaitForAsync();
            await page.GetByTestId("hr-client-row").WaitForAsync();
            (await page.GetByTestId("hr-client-table").InnerTextAsync()).Should().Contain("北森人事").And.NotContain(secret);

            // The secret works for SCIM, and a provisioned employee appears as a person in the console.
            var scim = stack.WithSecret(secret);
            (await scim.SendAsync(HttpMethod.Get, "/Users")).Status.Should().Be(200);
            await scim.CreateUserAsync(NewUser(NewCode("qian").ToLowerInvariant(), displayName: "钱七"));
            await page.GotoAsync(new Uri(stack.Gateway, $"/subsidiaries/{subsidiary.Id}/people").ToString());
            await page.GetByTestId("person-row").WaitForAsync();
            (await page.GetByTestId("people-table").InnerTextAsync()).Should().Contain("钱七");
            await page.GotoAsync(new Uri(stack.Gateway, "/hr-clients").ToString());

            // Shown once: after a reload it is nowhere on the page.
            await page.ReloadAsync();
            await page.GetByTestId("hr-client-row").WaitForAsync();
            (await page.ContentAsync()).Should().NotContain(secret);

            await page.GetByTestId("hr-client-revoke").ClickAsync();
            await page.GetByTestId("hr-client-revoked").WaitForAsync();
            await page.GetByTestId("hr-client-empty").WaitForAsync();
        }
        catch
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "hr-clients-page.png"), FullPage = true });
            throw;
        }
    }
}
