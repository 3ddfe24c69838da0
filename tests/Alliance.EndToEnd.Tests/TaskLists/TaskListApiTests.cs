using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using Alliance.EndToEnd.Tests.Activities;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;

namespace Alliance.EndToEnd.Tests.TaskLists;

/// <summary>
/// Task lists through the gateway: the tree and its weighted roll-up, a subsidiary's plan linked to the group's measure,
/// idempotent creates, problem details with field errors on every endpoint (nothing written), and who may do what for
/// every role in the owner's subsidiary, another, and the alliance.
/// </summary>
[Collection(StackCollection.Name)]
public class TaskListApiTests(StackFixture stack)
{
    public sealed record Linked(Guid MeasureId, Guid ListId, string ListTitle, Guid? SubsidiaryId, string Title, double Progress, bool Overdue);
    public sealed record Measure(Guid Id, Guid TaskId, string Title, string ResponsibleName, double Weight, double? TargetValue, string? TargetUnit,
        string DueOn, double Progress, bool Overdue, Guid? LinksToMeasureId, List<Linked> Linked);
    public sealed record TaskItem(Guid Id, string Title, double? ExplicitWeight, double Weight, double Progress, List<Measure> Measures);
    public sealed record TaskList(Guid Id, string Title, int Year, string OwnerKind, double Progress, int OverdueCount, List<TaskItem> Tasks, long Version, bool CanChange);
    public sealed record Summary(Guid Id, string Title, double Progress, int TaskCount, int MeasureCount);
    public sealed record Change(string Kind, string ChangedBy);

    static object MeasureBody(Guid responsible, Guid supervising, double weight, Guid? linksTo = null, string dueOn = "2026-12-31") => new
    {
        title = "建设党群服务站点", responsibleOrganizationId = responsible, supervisingOrganizationId = supervising, weight,
        targetText = "建成3个站点", targetValue = 3, targetUnit = "个", dueOn, linksToMeasureId = linksTo,
    };

    static async Task<TaskList> CreateAsync(HttpClient client, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/task-lists") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await (await client.SendAsync(request)).ReadAsync<TaskList>(201);
    }

    [Fact]
    public async Task A_group_list_rolls_up_weighted_progress_and_shows_the_subsidiary_measures_serving_it()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var key = Guid.NewGuid().ToString();
        var list = await CreateAsync(admin, new { title = NewCode("集团任务清单"), year = 2026, ownerKind = "group" }, key);
        (await CreateAsync(admin, new { title = "重试", year = 2026, ownerKind = "group" }, key)).Id.Should().Be(list.Id);
        list = await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/tasks", new { title = "产业攻坚" })).ReadAsync<TaskList>(201);
        var task = list.Tasks[0].Id;
        list = await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/tasks/{task}/measures", MeasureBody(s.CommitteeA, s.CommitteeB, 3))).ReadAsync<TaskList>(201);
        list = await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/tasks/{task}/measures", MeasureBody(s.CommitteeB, s.CommitteeA, 1))).ReadAsync<TaskList>(201);
        var (m1, m2) = (list.Tasks[0].Measures[0], list.Tasks[0].Measures[1]);
        m1.ResponsibleName.Should().NotBeEmpty();
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, s.A);
        var secretaryB = await stack.SignedInAsync(Roles.Secretary, s.B);
        await (await secretaryA.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/measures/{m1.Id}/progress", new { percent = 40, reportedOn = "2026-01-15" })).ReadAsync<TaskList>(200);
        list = await (await secretaryB.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/measures/{m2.Id}/progress",
            new { percent = 80, note = "已完成", reportedOn = "2026-01-15", evidenceLinks = new[] { "https://example.org/a" } })).ReadAsync<TaskList>(200);
        list.Progress.Should().Be(50);   // (3·40 + 1·80) / 4

        var plan = await CreateAsync(secretaryA, new { title = NewCode("甲企业任务清单"), year = 2026, ownerKind = "subsidiary", subsidiaryId = s.A });
        plan = await (await secretaryA.PostAsJsonAsync($"/api/v1/task-lists/{plan.Id}/tasks", new { title = "落实集团任务", weight = 2 })).ReadAsync<TaskList>(201);
        plan = await (await secretaryA.PostAsJsonAsync($"/api/v1/task-lists/{plan.Id}/tasks/{plan.Tasks[0].Id}/measures",
            MeasureBody(s.CommitteeA, s.CommitteeA, 1, linksTo: m1.Id))).ReadAsync<TaskList>(201);
        var seen = await (await admin.GetAsync($"/api/v1/task-lists/{list.Id}")).ReadAsync<TaskList>(200);
        seen.Tasks[0].Measures[0].Linked.Should().ContainSingle().Which.ListId.Should().Be(plan.Id);
        (await (await admin.GetAsync($"/api/v1/task-lists/{list.Id}/history")).ReadAsync<List<Change>>(200)).Select(c => c.Kind)
            .Should().Equal("created", "task-added", "measure-added", "measure-added", "progress-reported", "progress-reported");
        (await (await admin.GetAsync($"/api/v1/task-lists/{list.Id}/roll-up")).ReadAsync<Dictionary<string, object>>(200)).Should().ContainKey("progress");
        (await (await admin.GetAsync("/api/v1/task-lists?year=2026&ownerKind=group&pageSize=200")).ReadAsync<PagedList<Summary>>(200)).Items
            .Should().Contain(l => l.Id == list.Id && l.MeasureCount == 2 && l.Progress == 50);
        (await (await admin.GetAsync("/api/v1/task-lists/overdue-measures")).ReadAsync<PagedList<object>>(200)).Should().NotBeNull();
    }

    [Theory]
    [InlineData(Roles.SubsidiaryAdmin)]
    [InlineData(Roles.Secretary)]
    [InlineData(Roles.Member)]
    public async Task Each_role_sees_the_groups_lists_its_own_and_its_alliances_and_changes_only_its_own(string role)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var planner = role != Roles.Member;
        var group = await CreateAsync(admin, new { title = NewCode("集团"), year = 2026, ownerKind = "group" });
        var ofA = await CreateAsync(admin, new { title = NewCode("甲"), year = 2026, ownerKind = "subsidiary", subsidiaryId = s.A });
        var ofAlliance = await CreateAsync(admin, new { title = NewCode("联盟"), year = 2026, ownerKind = "alliance", allianceId = s.Alliance.Id });
        var inA = await stack.SignedInAsync(role, s.A);
        var inB = await stack.SignedInAsync(role, s.B);
        var inC = await stack.SignedInAsync(role, s.C);
        var denied = HttpStatusCode.Forbidden;

        foreach (var reader in new[] { inA, inB, inC }) (await reader.GetAsync($"/api/v1/task-lists/{group.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await inA.GetAsync($"/api/v1/task-lists/{ofA.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await inB.GetAsync($"/api/v1/task-lists/{ofA.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inB.GetAsync($"/api/v1/task-lists/{ofAlliance.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await inC.GetAsync($"/api/v1/task-lists/{ofAlliance.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inC.GetAsync($"/api/v1/task-lists/{ofA.Id}/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await inA.PostAsJsonAsync("/api/v1/task-lists", new { title = "集团", year = 2026, ownerKind = "group" })).StatusCode.Should().Be(denied);
        (await inA.PostAsJsonAsync("/api/v1/task-lists", new { title = "甲", year = 2026, ownerKind = "subsidiary", subsidiaryId = s.A }))
            .StatusCode.Should().Be(planner ? HttpStatusCode.Created : denied);
        (await inB.PostAsJsonAsync("/api/v1/task-lists", new { title = "冒名", year = 2026, ownerKind = "subsidiary", subsidiaryId = s.A })).StatusCode.Should().Be(denied);
        (await inA.PostAsJsonAsync($"/api/v1/task-lists/{group.Id}/tasks", new { title = "越权" })).StatusCode.Should().Be(denied);
        (await inA.PostAsJsonAsync($"/api/v1/task-lists/{ofA.Id}/tasks", new { title = "本司任务" })).StatusCode.Should().Be(planner ? HttpStatusCode.Created : denied);
        (await inB.PostAsJsonAsync($"/api/v1/task-lists/{ofA.Id}/tasks", new { title = "越权" })).StatusCode.Should().Be(planner ? HttpStatusCode.NotFound : denied);
        (await inA.PostAsJsonAsync($"/api/v1/task-lists/{ofAlliance.Id}/tasks", new { title = "牵头单位" })).StatusCode.Should().Be(planner ? HttpStatusCode.Created : denied);
        (await inB.PostAsJsonAsync($"/api/v1/task-lists/{ofAlliance.Id}/tasks", new { title = "成员单位" })).StatusCode.Should().Be(denied);
    }

    [Fact]
    public async Task Partners_are_refused_every_task_list_endpoint()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var list = await CreateAsync(admin, new { title = NewCode("集团"), year = 2026, ownerKind = "group" });
        var partner = await stack.SignedInAsync(Roles.Partner, userName: "partner-" + Guid.NewGuid().ToString("N")[..8]);
        (await partner.GetAsync("/api/v1/task-lists")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await partner.GetAsync($"/api/v1/task-lists/{list.Id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await partner.GetAsync("/api/v1/task-lists/overdue-measures")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_input_on_every_endpoint_is_a_problem_with_field_errors_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var list = await CreateAsync(admin, new { title = NewCode("集团"), year = 2026, ownerKind = "group" });
        list = await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/tasks", new { title = "任务" })).ReadAsync<TaskList>(201);
        var task = list.Tasks[0].Id;
        list = await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/tasks/{task}/measures", MeasureBody(s.CommitteeA, s.CommitteeB, 1))).ReadAsync<TaskList>(201);
        var measure = list.Tasks[0].Measures[0].Id;

        (await (await admin.PostAsJsonAsync("/api/v1/task-lists", new { title = "", year = 1900, ownerKind = "club", allianceId = Guid.NewGuid() })).ProblemAsync(400))
            .Errors!.Keys.Should().Contain(["title", "year", "ownerKind"]);
        (await (await admin.PostAsJsonAsync("/api/v1/task-lists", new { title = "子公司", year = 2026, ownerKind = "subsidiary" })).ProblemAsync(400))
            .Errors!.Keys.Should().Contain("subsidiaryId");
        (await (await admin.PostAsJsonAsync("/api/v1/task-lists", new { title = "无此子公司", year = 2026, ownerKind = "subsidiary", subsidiaryId = Guid.NewGuid() })).ProblemAsync(404))
            .Should().NotBeNull();
        (await (await admin.GetAsync("/api/v1/task-lists?ownerKind=club&year=3000")).ProblemAsync(400)).Errors!.Keys.Should().Contain(["ownerKind", "year"]);
        (await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/tasks", new { title = " ", weight = -2, expectedVersion = -1 })).ProblemAsync(400))
            .Errors!.Keys.Should().Contain(["title", "weight", "expectedVersion"]);
        (await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/tasks/{task}/measures", new { title = "", weight = 0, targetValue = 3, dueOn = "2026-02-30" })).ProblemAsync(400))
            .Errors!.Keys.Should().Contain(["title", "responsibleOrganizationId", "supervisingOrganizationId", "weight", "targetText", "targetUnit", "dueOn"]);
        (await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/tasks/{task}/measures", MeasureBody(Guid.NewGuid(), s.CommitteeB, 1))).ProblemAsync(404))
            .Errors!.Keys.Should().Contain("details.responsibleOrganizationId");
        (await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/tasks/{Guid.NewGuid()}/measures", MeasureBody(s.CommitteeA, s.CommitteeB, 1))).ProblemAsync(404))
            .Should().NotBeNull();
        (await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/measures/{measure}/progress",
            new { percent = 120, reportedOn = "tomorrow", evidenceLinks = new[] { "ftp://x" }, note = new string('x', 2001) })).ProblemAsync(400))
            .Errors!.Keys.Should().Contain(["percent", "reportedOn", "evidenceLinks[0]", "note"]);
        (await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/measures/{measure}/progress", new { percent = 10, reportedOn = "2099-01-01" })).ProblemAsync(400))
            .Errors!.Keys.Should().Contain("reportedOn");
        (await (await admin.PostAsJsonAsync($"/api/v1/task-lists/{list.Id}/tasks", new { title = "旧版本", expectedVersion = 1 })).ProblemAsync(409)).Should().NotBeNull();
        (await admin.GetAsync($"/api/v1/task-lists/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/task-lists/{list.Id}/measures/{Guid.NewGuid()}/progress")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var after = await (await admin.GetAsync($"/api/v1/task-lists/{list.Id}")).ReadAsync<TaskList>(200);
        after.Version.Should().Be(list.Version);
        after.Tasks.Should().ContainSingle().Which.Measures.Should().ContainSingle().Which.Progress.Should().Be(0);
    }
}
