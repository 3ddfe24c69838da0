using System.Text.Json;
using Alliance.Contracts;
using Alliance.Testing;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.HrConnectors.HrConnectorApi;
using Employee = Alliance.Testing.FakeHrSystem.Employee;

namespace Alliance.EndToEnd.Tests.HrConnectors;

/// <summary>The HR pull connectors page in Debian's Chromium, headless, against the whole stack and an HR system on a loopback port.</summary>
[Collection(StackCollection.Name)]
public class HrConnectorConsoleTests(StackFixture stack) : ConsoleBrowserTest
{
    [Fact]
    public async Task An_admin_creates_a_connector_with_a_checked_definition_runs_it_now_and_sees_the_status()
    {
        using var hr = new FakeHrSystem().WithEmployees(
            new Employee("201", "P201", "褚一", "财务部", "会计", "1", "2026-11-20 09:00:00"),
            new Employee("202", "P202", "褚二", "生产部", "技术员", "1", "2026-11-20 10:00:00"));
        var subsidiary = await (await stack.SignedInAsync(Roles.GroupAdmin)).CreateSubsidiaryAsync("拉取页面企业");
        var page = await NewPageAsync();
        page.SetDefaultTimeout(30_000);
        try
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("subsidiary-admin");
            await page.GetByTestId("subsidiary-id-input").FillAsync(subsidiary.Id.ToString());
            await page.GetByTestId("username-input").FillAsync("hr-admin");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("nav-hrConnectors").ClickAsync();
            await page.GetByTestId("hr-connector-empty").WaitForAsync();
            (await page.Locator("h1").InnerTextAsync()).Should().Be("人事系统拉取");

            // Not JSON: refused in the page; a definition the service refuses: its field errors under the definition.
            await page.GetByTestId("hr-connector-name").FillAsync("北森拉取");
            await page.GetByTestId("hr-connector-definition").FillAsync("{ not json");
            await page.GetByTestId("hr-connector-submit").ClickAsync();
            (await page.GetByTestId("definition-error").InnerTextAsync()).Should().Be("不是有效的 JSON 对象。");
            await page.GetByTestId("hr-connector-definition").FillAsync("""{"baseUrl":"ftp://hr","listPath":"/x","cursorMode":"token","fields":{"name":"name"}}""");
            await page.GetByTestId("hr-connector-submit").ClickAsync();
            await page.GetByTestId("definition-error").Filter(new() { HasText = "baseUrl" }).WaitForAsync();
            (await page.GetByTestId("definition-error").InnerTextAsync()).Should().Contain("nextCursorPath").And.Contain("employeeNumber");

            await page.GetByTestId("hr-connector-definition").FillAsync(JsonSerializer.Serialize(BeisenDefinition(hr.BaseUrl)));
            await page.GetByTestId("hr-connector-secret").FillAsync(hr.Token);
            await page.GetByTestId("hr-connector-submit").ClickAsync();
            await page.GetByTestId("hr-connector-row").WaitForAsync();
            (await page.GetByTestId("hr-connector-status").InnerTextAsync()).Should().Be("尚未运行");

            await page.GetByTestId("hr-connector-run").ClickAsync();
            await page.Locator("[data-testid=hr-connector-status][data-status=succeeded]").WaitForAsync();
            (await page.GetByTestId("hr-connector-counts").InnerTextAsync()).Should().Contain("新增 2");
            (await page.GetByTestId("hr-connector-table").InnerTextAsync()).Should().Contain("北森拉取").And.NotContain(hr.Token);

            // The HR system goes away: the next run is recorded failed with the reason.
            hr.Token = "rotated";
            await page.GetByTestId("hr-connector-run").ClickAsync();
            await page.Locator("[data-testid=hr-connector-status][data-status=failed]").WaitForAsync();
            (await page.GetByTestId("hr-connector-error").InnerTextAsync()).Should().Contain("401");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
