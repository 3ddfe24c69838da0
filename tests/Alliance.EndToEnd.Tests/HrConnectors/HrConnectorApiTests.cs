using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alliance.Contracts;
using Alliance.Testing;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.HrConnectors.HrConnectorApi;
using Employee = Alliance.Testing.FakeHrSystem.Employee;

namespace Alliance.EndToEnd.Tests.HrConnectors;

/// <summary>/api/v1/hr-connectors through the gateway, against an HR system on a loopback port.</summary>
[Collection(StackCollection.Name)]
public class HrConnectorApiTests(StackFixture stack)
{
    [Fact]
    public async Task An_admin_creates_a_connector_runs_it_now_and_the_employees_become_people()
    {
        using var hr = new FakeHrSystem().WithEmployees(
            new Employee("101", "K101", "冯一", "财务部", "会计", "1", "2026-11-20 09:00:00"),
            new Employee("102", "K102", "冯二", "生产部", "技术员", "1", "2026-11-20 10:00:00"),
            new Employee("103", "K103", "冯三", "生产部", "班长", "8", "2026-11-20 11:00:00"));
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("接口同步企业");
        var connector = await admin.CreateHrConnectorAsync(subsidiary.Id, hr);
        connector.HasSecret.Should().BeTrue();
        connector.Definition.ToJsonString().Should().NotContain(hr.Token, "the secret is write-only");
        connector.LastRunStatus.Should().BeNull();

        var run = await admin.PostAsync($"/api/v1/hr-connectors/{connector.Id}/run", null);
        await EnsureAsync(run, 200);
        var ran = (await run.Content.ReadFromJsonAsync<HrConnector>())!;
        // Through the one HR apply path, as SCIM: the employee who has already left (status 8) is recorded too, inactive.
        (ran.LastRunStatus, ran.LastRunCreated, ran.Cursor).Should().Be(("succeeded", 3, "2026-11-20 11:00:00"), ran.LastRunError);

        var people = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/subsidiaries/{subsidiary.Id}/people?pageSize=50");
        people!["items"]!.AsArray().Select(p => (string)p!["name"]!).Should().BeEquivalentTo("冯一", "冯二", "冯三");
        var runs = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/hr-sync-runs?subsidiaryId={subsidiary.Id}");
        runs!["items"]!.AsArray().Should().ContainSingle().Which!["created"]!.GetValue<int>().Should().Be(3);

        var listed = (await admin.GetFromJsonAsync<PagedList<HrConnector>>($"/api/v1/hr-connectors?subsidiaryId={subsidiary.Id}"))!;
        listed.Items.Should().ContainSingle().Which.LastRunStatus.Should().Be("succeeded");

        // Disable (with the version read), then run now is refused; a stale version is a conflict.
        var disabled = await admin.PostAsJsonAsync($"/api/v1/hr-connectors/{connector.Id}/disable", new { expectedVersion = listed.Items[0].Version });
        await EnsureAsync(disabled, 200);
        await (await admin.PostAsJsonAsync($"/api/v1/hr-connectors/{connector.Id}/enable", new { expectedVersion = listed.Items[0].Version })).ProblemAsync(409);
        (await admin.PostAsync($"/api/v1/hr-connectors/{connector.Id}/run", null)).IsSuccessStatusCode.Should().BeFalse();
    }

    [Fact]
    public async Task Bad_input_is_field_errors_and_nothing_is_written()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();

        var edge = await (await admin.PostAsJsonAsync("/api/v1/hr-connectors", new { subsidiaryId = subsidiary.Id, name = " ", definition = "x", intervalSeconds = 5 }))
            .ProblemAsync(400);
        edge.Errors!.Keys.Should().BeEquivalentTo("name", "definition", "intervalSeconds");

        var definition = new JsonObject { ["baseUrl"] = "ftp://hr", ["listPath"] = "users", ["itemsPath"] = "data..list", ["fields"] = new JsonObject() };
        var service = await (await admin.PostAsJsonAsync("/api/v1/hr-connectors", new { subsidiaryId = subsidiary.Id, name = "坏定义", definition }))
            .ProblemAsync(400);
        service.Errors!.Keys.Should().Contain(["definition.baseUrl", "definition.listPath", "definition.itemsPath", "definition.nextCursorPath",
            "definition.fields.name", "definition.fields.employeeNumber"]);

        var unreadable = await (await admin.PostAsJsonAsync("/api/v1/hr-connectors", new { subsidiaryId = subsidiary.Id, name = "类型错", definition = new { pageSize = "many" } }))
            .ProblemAsync(400);
        unreadable.Errors!.Keys.Should().Contain("definition");

        (await admin.GetFromJsonAsync<PagedList<HrConnector>>($"/api/v1/hr-connectors?subsidiaryId={subsidiary.Id}"))!.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_subsidiary_admin_sees_and_runs_only_their_own_subsidiarys_connectors()
    {
        using var hr = new FakeHrSystem();
        var group = await stack.SignedInAsync(Roles.GroupAdmin);
        var mine = await group.CreateSubsidiaryAsync();
        var theirs = await group.CreateSubsidiaryAsync();
        var theirConnector = await group.CreateHrConnectorAsync(theirs.Id, hr);
        var admin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, mine.Id);

        var own = await admin.CreateHrConnectorAsync(mine.Id, hr);
        (await admin.GetFromJsonAsync<PagedList<HrConnector>>("/api/v1/hr-connectors"))!.Items.Select(c => c.Id).Should().Equal(own.Id);
        await (await admin.GetAsync($"/api/v1/hr-connectors/{theirConnector.Id}")).ProblemAsync(404);
        await (await admin.PostAsync($"/api/v1/hr-connectors/{theirConnector.Id}/run", null)).ProblemAsync(404);
        await (await admin.PostAsJsonAsync("/api/v1/hr-connectors", new { subsidiaryId = theirs.Id, name = "越权", definition = BeisenDefinition(hr.BaseUrl) }))
            .ProblemAsync(404);
        var secretary = await stack.SignedInAsync(Roles.Secretary, mine.Id);
        ((int)(await secretary.GetAsync("/api/v1/hr-connectors")).StatusCode).Should().Be(403);
    }
}
