using System.Net.Http.Json;
using System.Text;
using Alliance.Contracts;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.People.PeopleApi;
using static Alliance.EndToEnd.Tests.Scim.ScimApi;

namespace Alliance.EndToEnd.Tests.HrSync;

/// <summary>The HR import, sync runs and conflicts pages of the console in Debian's Chromium, headless, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class HrSyncConsoleTests(StackFixture stack) : ConsoleBrowserTest
{
    async Task<IPage> SignedInPageAsync(string locale)
    {
        var page = await NewPageAsync(locale, width: 1400);
        await page.AddInitScriptAsync($"localStorage.setItem('alliance.lang', '{locale}')");
        await page.GotoAsync(stack.Gateway.ToString());
        await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
        await page.GetByTestId("username-input").FillAsync("人事管理员");
        await page.GetByTestId("signin-button").ClickAsync();
        await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();
        return page;
    }

    static async Task Screenshot(IPage page, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name), FullPage = true });
    }

    [Fact]
    public async Task An_admin_uploads_an_HR_file_previews_it_and_imports_it()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("人事页面企业" + Guid.NewGuid().ToString("N")[..4]);
        const string csv = "工号,姓名,部门,状态\r\nW1,王一,研发部,在职\r\nW2,王二,研发部,未知\r\n";
        var page = await SignedInPageAsync("zh-CN");
        try
        {
            await page.GotoAsync(new Uri(stack.Gateway, "/hr-clients").ToString());
            await page.GetByTestId("hr-import-link").ClickAsync();
            await page.GetByTestId("hr-import-form").WaitForAsync();
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("导入人事文件");
            // The shared stack holds more subsidiaries than the list shows: the page preselects one named in the address.
            await page.GotoAsync(new Uri(stack.Gateway, $"/hr-import?subsidiaryId={subsidiary.Id}").ToString());
            await page.Locator($"[data-testid=hr-import-subsidiary] option[value='{subsidiary.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            (await page.GetByTestId("hr-import-subsidiary").InputValueAsync()).Should().Be(subsidiary.Id.ToString());
            await page.GetByTestId("hr-import-file").SetInputFilesAsync(new FilePayload { Name = "花名册.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
            await page.GetByTestId("hr-import-preview").ClickAsync();

            await page.GetByTestId("hr-import-preview-summary").WaitForAsync();
            (await page.Locator("[data-testid=hr-import-row][data-outcome=created]").CountAsync()).Should().Be(1);
            (await page.Locator("[data-testid=hr-import-row][data-outcome=error]").InnerTextAsync()).Should().Contain("出错");
            (await admin.ListPeopleAsync(subsidiary.Id)).Total.Should().Be(0, "a preview writes nothing");

            await page.GetByTestId("hr-import-apply").ClickAsync();
            await page.GetByTestId("hr-import-applied-summary").WaitForAsync();
            (await page.GetByTestId("hr-import-applied-summary").InnerTextAsync()).Should().Contain("新建 1").And.Contain("出错 1");
            await page.GetByTestId("hr-import-download").WaitForAsync();
            (await admin.ListPeopleAsync(subsidiary.Id)).Items.Select(p => p.Name).Should().Equal("王一");

            await page.GotoAsync(new Uri(stack.Gateway, "/hr-sync-runs").ToString());
            var row = page.Locator("[data-testid=hr-run-row]", new() { HasText = "file:花名册.csv" }).First;
            await row.WaitForAsync();
            (await row.GetAttributeAsync("data-status")).Should().Be("succeeded");
        }
        catch
        {
            await Screenshot(page, "hr-import.png");
            throw;
        }
    }

    [Fact]
    public async Task An_admin_resolves_an_HR_conflict_in_English()
    {
        var (subsidiary, scim, _) = await stack.ScimClientAsync();
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", name: "冲突页面支部");
        var registered = await admin.PostAsJsonAsync("/api/v1/people", new { subsidiaryId = subsidiary.Id, name = "冯委员", kind = "employee", employeeNumber = "CM-1" });
        await EnsureAsync(registered, 201);
        var person = (await registered.Content.ReadFromJsonAsync<Person>())!;
        await admin.JoinAsync(person.Id, branch.Id);
        await admin.AssignRoleAsync(person.Id, branch.Id, "committee-member");
        var user = await scim.CreateUserAsync(NewUser("feng", employeeNumber: "CM-1", displayName: "冯委员"));
        user["active"] = false;
        await scim.SendAsync(HttpMethod.Put, $"/Users/{user["id"]}", user).ExpectAsync(200);

        var page = await SignedInPageAsync("en-US");
        try
        {
            await page.GotoAsync(new Uri(stack.Gateway, "/hr-conflicts").ToString());
            (await page.Locator("h1").First.InnerTextAsync()).Should().Be("HR conflicts");
            var row = page.Locator("[data-testid=hr-conflict-row]", new() { HasText = "冯委员" });
            await row.WaitForAsync();
            (await row.InnerTextAsync()).Should().Contain("Holds a party role").And.Contain("冲突页面支部");
            await row.GetByTestId("hr-conflict-note").FillAsync("Keeps the seat until the next election");
            await row.GetByTestId("hr-conflict-resolve").ClickAsync();

            await page.GetByTestId("hr-conflict-status").SelectOptionAsync("resolved");
            var resolved = page.Locator("[data-testid=hr-conflict-row][data-status=resolved]", new() { HasText = "冯委员" });
            await resolved.WaitForAsync();
            (await resolved.InnerTextAsync()).Should().Contain("Keeps the seat until the next election");
            (await admin.GetPersonAsync(person.Id)).Roles.Single().EndsOn.Should().BeNull("the role was kept");
        }
        catch
        {
            await Screenshot(page, "hr-conflicts.png");
            throw;
        }
    }
}
