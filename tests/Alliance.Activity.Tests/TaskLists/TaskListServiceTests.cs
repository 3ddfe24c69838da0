using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.TaskLists;
using Alliance.Activity.Tests.Persistence;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskList = Alliance.Contracts.Activity.V1.TaskList;
using TaskListOwnerKind = Alliance.Contracts.Activity.V1.TaskListOwnerKind;

namespace Alliance.Activity.Tests.TaskLists;

/// <summary>
/// Task lists as the activity service runs them, over gRPC against real PostgreSQL, with the organization service faked
/// and a clock the tests move: the tree and its weighted roll-up, progress with its event, subordinate plans linked to
/// the group's measures, overdue measures (list, board and one <c>MeasureOverdue</c>), idempotent creates, the audit log,
/// bad input that writes nothing, and who may do what for every role.
/// </summary>
public class TaskListServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new() { ["Supervision:SweepEnabled"] = "false" };
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid();
    OrganizationFacts _deptA = null!, _deptA2 = null!, _deptB = null!;
    AllianceFacts _alliance = null!;

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("tasklists");
        _host = await ServiceHost.StartAsync(_configuration,
            b =>
            {
                b.AddApplicationServices();
                b.Services.AddSingleton<TimeProvider>(_clock);
                b.Services.AddSingleton<IOrganizationDirectory>(_directory);
            },
            a => a.MapApplicationEndpoints());
        _deptA = _directory.AddOrganization(SubsidiaryA, "甲公司组织部");
        _deptA2 = _directory.AddOrganization(SubsidiaryA, "甲公司工会");
        _deptB = _directory.AddOrganization(SubsidiaryB, "乙公司党委");
        _alliance = _directory.AddAlliance("临港产业联盟", _deptA, _deptB);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, Guid? tenant = null, string user = "tester")
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, AllianceMetadata.EncodeText(user) } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant.ToString()!);
        return new CallOptions(metadata);
    }

    static readonly CallOptions GroupAdmin = As(Roles.GroupAdmin, user: "集团管理员");
    static readonly CallOptions SecretaryA = As(Roles.Secretary, SubsidiaryA, "李书记");
    static readonly CallOptions AdminA = As(Roles.SubsidiaryAdmin, SubsidiaryA, "甲管理员");
    static readonly CallOptions MemberA = As(Roles.Member, SubsidiaryA, "甲党员");
    static readonly CallOptions SecretaryB = As(Roles.Secretary, SubsidiaryB, "王书记");
    static readonly CallOptions Partner = As(Roles.Partner, null, "partner-1");

    TaskListService.TaskListServiceClient Lists => _host.Client<TaskListService.TaskListServiceClient>();

    async Task<T> InDatabase<T>(Func<ActivityDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ActivityDbContext>());
    }

    Task<List<string>> OutboxAbout(string id) => InDatabase(db => db.Database
        .SqlQueryRaw<string>("SELECT message_type || ' ' || body AS \"Value\" FROM outbox_messages WHERE body LIKE {0} ORDER BY occurred_at, id", $"%{id}%").ToListAsync());

    static async Task<RpcException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<RpcException>()).Which;

    Task<TaskList> CreateAsync(TaskListOwnerKind kind = TaskListOwnerKind.Group, CallOptions? caller = null, Guid? subsidiary = null, Guid? alliance = null, string key = "") =>
        Lists.CreateTaskListAsync(new CreateTaskListRequest
        {
            Title = "2026年攻坚任务清单", Year = 2026, OwnerKind = kind, SubsidiaryId = subsidiary?.ToString() ?? "", AllianceId = alliance?.ToString() ?? "",
            ClientRequestId = key,
        }, caller ?? GroupAdmin).ResponseAsync;

    Task<TaskList> TaskAsync(TaskList list, string title, double? weight = null, CallOptions? caller = null)
    {
        var request = new AddTaskRequest { ListId = list.Id, Title = title };
        if (weight is { } w) request.Weight = w;
        return Lists.AddTaskAsync(request, caller ?? GroupAdmin).ResponseAsync;
    }

    Task<TaskList> MeasureAsync(TaskList list, string taskId, string title, double weight, string dueOn = "2026-06-30", CallOptions? caller = null,
        OrganizationFacts? responsible = null, string linksTo = "", string key = "") =>
        Lists.AddMeasureAsync(new AddMeasureRequest
        {
            ListId = list.Id, TaskId = taskId, ClientRequestId = key,
            Details = new MeasureDetails
            {
                Title = title, ResponsibleOrganizationId = (responsible ?? _deptA).Id.ToString(), SupervisingOrganizationId = _deptA2.Id.ToString(),
                Weight = weight, TargetText = "建成3个党群服务站点", TargetValue = 3, TargetUnit = "个", DueOn = dueOn, LinksToMeasureId = linksTo,
            },
        }, caller ?? GroupAdmin).ResponseAsync;

    Task<TaskList> ReportAsync(TaskList list, string measureId, double percent, string on = "2026-03-01", CallOptions? caller = null, string key = "") =>
        Lists.ReportMeasureProgressAsync(new ReportMeasureProgressRequest
        {
            ListId = list.Id, MeasureId = measureId, Percent = percent, Note = "已完成选址", ReportedOn = on, ClientRequestId = key,
            EvidenceLinks = { "https://example.org/evidence/1" },
        }, caller ?? GroupAdmin).ResponseAsync;

    [Fact]
    public async Task A_list_rolls_up_the_reported_progress_by_weight_and_tells_reporting()
    {
        var list = await CreateAsync(key: "create-1");
        (await CreateAsync(key: "create-1")).Id.Should().Be(list.Id, "a retried create answers the first list");
        list = await TaskAsync(list, "产业攻坚");
        list = await TaskAsync(list, "民生实事", weight: 12);
        var (first, second) = (list.Tasks[0].Id, list.Tasks[1].Id);
        list = await MeasureAsync(list, first, "措施一", 2);
        list = await MeasureAsync(list, first, "措施二", 1);
        list = await MeasureAsync(list, first, "措施三", 1);
        list = await MeasureAsync(list, second, "措施四", 3);
        list = await MeasureAsync(list, second, "措施五", 1, key: "measure-5");
        (await MeasureAsync(list, second, "措施五", 1, key: "measure-5")).Tasks[1].Measures.Should().HaveCount(2, "a retried add answers without a duplicate");
        var m = list.Tasks.SelectMany(t => t.Measures).ToList();
        await ReportAsync(list, m[0].Id, 50);
        await ReportAsync(list, m[1].Id, 100);
        await ReportAsync(list, m[3].Id, 20);
        list = await ReportAsync(list, m[4].Id, 60, key: "report-5");
        list = await ReportAsync(list, m[4].Id, 60, key: "report-5");

        list.Tasks[0].Progress.Should().Be(50);     // (2·50 + 1·100 + 1·0) / 4
        list.Tasks[1].Progress.Should().Be(30);     // (3·20 + 1·60) / 4
        list.Tasks[0].Weight.Should().Be(4);
        list.Tasks[1].Weight.Should().Be(12);
        list.Progress.Should().Be(35);              // (4·50 + 12·30) / 16
        list.Tasks[1].Measures[1].TargetValue.Should().Be(3);
        list.Tasks[1].Measures[1].ResponsibleName.Should().Be("甲公司组织部");
        (await Lists.ListMeasureProgressAsync(new ListMeasureProgressRequest { ListId = list.Id, MeasureId = m[4].Id }, MemberA)).Items
            .Should().ContainSingle().Which.EvidenceLinks.Should().Equal("https://example.org/evidence/1");

        var history = await Lists.GetTaskListHistoryAsync(new GetTaskListHistoryRequest { Id = list.Id }, GroupAdmin);
        history.Changes.Select(c => c.Kind).Should().Equal(["created", "task-added", "task-added", .. Enumerable.Repeat("measure-added", 5), .. Enumerable.Repeat("progress-reported", 4)]);
        history.Changes.Should().OnlyContain(c => c.ChangedBy == "集团管理员");
        var events = await OutboxAbout(list.Id);
        events.Count(e => e.Contains("TaskListCreated")).Should().Be(1);
        events.Count(e => e.Contains("MeasureAdded")).Should().Be(5);
        events.Where(e => e.Contains("MeasureProgressReported")).Should().HaveCount(4).And.Contain(e => e.Contains("\"listProgress\":35"));
    }

    [Fact]
    public async Task A_subsidiarys_plan_links_its_measures_to_the_groups_and_the_group_measure_shows_them()
    {
        var group = await CreateAsync();
        group = await TaskAsync(group, "组织力提升");
        group = await MeasureAsync(group, group.Tasks[0].Id, "集团措施", 1);
        var target = group.Tasks[0].Measures[0].Id;
        var plan = await CreateAsync(TaskListOwnerKind.Subsidiary, SecretaryA, SubsidiaryA);
        plan = await TaskAsync(plan, "甲公司落实", caller: SecretaryA);
        plan = await MeasureAsync(plan, plan.Tasks[0].Id, "甲公司措施", 1, caller: SecretaryA, linksTo: target);
        await ReportAsync(plan, plan.Tasks[0].Measures[0].Id, 40, caller: SecretaryA);

        var seen = await Lists.GetTaskListAsync(new GetTaskListRequest { Id = group.Id }, GroupAdmin);
        seen.Tasks[0].Measures[0].Linked.Should().ContainSingle().Which.Should().Match<LinkedMeasure>(l =>
            l.Title == "甲公司措施" && l.Progress == 40 && l.SubsidiaryId == SubsidiaryA.ToString());
        (await Lists.GetTaskListAsync(new GetTaskListRequest { Id = group.Id }, SecretaryB)).Tasks[0].Measures[0].Linked
            .Should().BeEmpty("subsidiary B does not see subsidiary A's plan");

        (await Refused(() => MeasureAsync(group, group.Tasks[0].Id, "集团链接", 1, linksTo: target))).StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await Refused(() => MeasureAsync(plan, plan.Tasks[0].Id, "无处可链", 1, caller: SecretaryA, linksTo: plan.Tasks[0].Measures[0].Id)))
            .StatusCode.Should().Be(StatusCode.NotFound, "a subsidiary's measure only serves a group list's measure");
    }

    [Fact]
    public async Task Overdue_measures_are_flagged_on_the_list_and_the_board_and_published_once()
    {
        var list = await CreateAsync(TaskListOwnerKind.Alliance, SecretaryA, alliance: _alliance.Id);
        list = await TaskAsync(list, "联盟任务", caller: SecretaryA);
        list = await MeasureAsync(list, list.Tasks[0].Id, "到期未完成", 1, "2026-03-31", SecretaryA);
        list = await MeasureAsync(list, list.Tasks[0].Id, "到期已完成", 1, "2026-03-31", SecretaryA);
        list = await MeasureAsync(list, list.Tasks[0].Id, "尚未到期", 1, "2026-12-31", SecretaryA);
        await ReportAsync(list, list.Tasks[0].Measures[1].Id, 100, caller: SecretaryA);
        _clock.Now = new DateTimeOffset(2026, 4, 1, 2, 0, 0, TimeSpan.Zero);

        var now = await Lists.GetTaskListAsync(new GetTaskListRequest { Id = list.Id }, SecretaryB);
        now.OverdueCount.Should().Be(1);
        now.Tasks[0].Measures.Select(m => m.Overdue).Should().Equal(true, false, false);
        var board = await Lists.ListOverdueMeasuresAsync(new ListOverdueMeasuresRequest { AllianceId = _alliance.Id.ToString() }, SecretaryB);
        board.Total.Should().Be(1);
        board.Items[0].Should().Match<OverdueMeasure>(m => m.Title == "到期未完成" && m.ListTitle == list.Title && m.DueOn == "2026-03-31");
        (await Lists.ListOverdueMeasuresAsync(new ListOverdueMeasuresRequest(), As(Roles.Secretary, Guid.NewGuid()))).Total.Should().Be(0);

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var sweep = scope.ServiceProvider.GetRequiredService<MeasureOverdueSweep>();
            (await sweep.RunAsync(CancellationToken.None)).Should().BeGreaterThanOrEqualTo(1);
            (await sweep.RunAsync(CancellationToken.None)).Should().Be(0, "a measure is flagged once");
        }
        (await OutboxAbout(list.Tasks[0].Measures[0].Id)).Should().ContainSingle(e => e.Contains("MeasureOverdue"));
    }

    [Fact]
    public async Task Every_role_sees_and_changes_only_what_the_rules_allow()
    {
        var group = await CreateAsync();
        var planA = await CreateAsync(TaskListOwnerKind.Subsidiary, AdminA, SubsidiaryA);
        var allianceList = await CreateAsync(TaskListOwnerKind.Alliance, SecretaryA, alliance: _alliance.Id);

        // Creating: the group's only by the group admin; a subsidiary's by its own planners; an alliance's by its lead's.
        (await Refused(() => CreateAsync(caller: SecretaryA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => CreateAsync(TaskListOwnerKind.Subsidiary, SecretaryB, SubsidiaryA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => CreateAsync(TaskListOwnerKind.Subsidiary, MemberA, SubsidiaryA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => CreateAsync(TaskListOwnerKind.Alliance, SecretaryB, alliance: _alliance.Id))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => CreateAsync(TaskListOwnerKind.Subsidiary, Partner, SubsidiaryA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await CreateAsync(TaskListOwnerKind.Subsidiary, GroupAdmin, SubsidiaryB)).CanChange.Should().BeTrue();

        // Seeing: the group's lists everyone in the group; a subsidiary's its own; an alliance's its members'.
        async Task<int> Count(CallOptions caller) => (await Lists.ListTaskListsAsync(new ListTaskListsRequest(), caller)).Total;
        (await Count(GroupAdmin)).Should().Be(4);
        (await Count(MemberA)).Should().Be(3);
        (await Count(SecretaryB)).Should().Be(3, "the group's, its own, and the alliance's it is a member of");
        (await Count(As(Roles.Secretary, Guid.NewGuid()))).Should().Be(1);
        (await Refused(() => Lists.GetTaskListAsync(new GetTaskListRequest { Id = planA.Id }, SecretaryB).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Lists.ListTaskListsAsync(new ListTaskListsRequest(), Partner).ResponseAsync)).StatusCode.Should().Be(StatusCode.PermissionDenied);

        // Changing: the group's list only the group admin; a subsidiary's its planners; an alliance's its lead's; members never.
        (await Lists.GetTaskListAsync(new GetTaskListRequest { Id = group.Id }, SecretaryA)).CanChange.Should().BeFalse();
        (await Refused(() => TaskAsync(group, "越权", caller: SecretaryA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => TaskAsync(planA, "越权", caller: MemberA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => TaskAsync(allianceList, "越权", caller: SecretaryB))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        planA = await TaskAsync(planA, "甲公司任务", caller: SecretaryA);
        allianceList = await TaskAsync(allianceList, "联盟任务", caller: AdminA);

        // Reporting: the list's keepers, and the planners of the responsible department's subsidiary.
        group = await TaskAsync(group, "集团任务");
        group = await MeasureAsync(group, group.Tasks[0].Id, "乙公司负责", 1, responsible: _deptB);
        var measure = group.Tasks[0].Measures[0].Id;
        (await ReportAsync(group, measure, 30, caller: SecretaryB)).Progress.Should().Be(30);
        (await Refused(() => ReportAsync(group, measure, 40, caller: SecretaryA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => ReportAsync(group, measure, 40, caller: As(Roles.Member, SubsidiaryB)))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        // A department must be one the caller sees.
        (await Refused(() => MeasureAsync(planA, planA.Tasks[0].Id, "他司部门", 1, caller: SecretaryA, responsible: _deptB))).StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_writes_nothing()
    {
        var list = await CreateAsync();
        list = await TaskAsync(list, "任务");
        var before = await InDatabase(db => db.TaskListChanges.CountAsync());

        var create = await Refused(() => Lists.CreateTaskListAsync(new CreateTaskListRequest { Title = " ", Year = 1999, AllianceId = "x" }, GroupAdmin).ResponseAsync);
        create.StatusCode.Should().Be(StatusCode.InvalidArgument);
        create.Status.Detail.Should().ContainAll("title", "year", "ownerKind", "allianceId");
        (await Refused(() => Lists.AddTaskAsync(new AddTaskRequest { ListId = list.Id, Title = "", Weight = -1 }, GroupAdmin).ResponseAsync))
            .Status.Detail.Should().ContainAll("title", "weight");
        var measure = await Refused(() => Lists.AddMeasureAsync(new AddMeasureRequest
        {
            ListId = list.Id, TaskId = list.Tasks[0].Id,
            Details = new MeasureDetails { Title = "", ResponsibleOrganizationId = "nope", Weight = 0, DueOn = "2026-13-01", TargetValue = 3 },
        }, GroupAdmin).ResponseAsync);
        measure.Status.Detail.Should().ContainAll("details.title", "details.responsibleOrganizationId", "details.supervisingOrganizationId", "details.weight",
            "details.targetText", "details.targetUnit", "details.dueOn");
        (await Refused(() => MeasureAsync(list, Guid.NewGuid().ToString(), "无此任务", 1))).StatusCode.Should().Be(StatusCode.NotFound);
        list = await MeasureAsync(list, list.Tasks[0].Id, "措施", 1);
        before = await InDatabase(db => db.TaskListChanges.CountAsync());
        var report = await Refused(() => Lists.ReportMeasureProgressAsync(new ReportMeasureProgressRequest
        {
            ListId = list.Id, MeasureId = list.Tasks[0].Measures[0].Id, Percent = 101, ReportedOn = "2026-03-02", EvidenceLinks = { "javascript:alert(1)" },
        }, GroupAdmin).ResponseAsync);
        report.Status.Detail.Should().ContainAll("percent", "reportedOn", "evidenceLinks[0]");
        (await Refused(() => ReportAsync(list, Guid.NewGuid().ToString(), 10))).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Lists.GetTaskListAsync(new GetTaskListRequest { Id = "x" }, GroupAdmin).ResponseAsync)).StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await Refused(() => Lists.AddTaskAsync(new AddTaskRequest { ListId = list.Id, Title = "旧版本", ExpectedVersion = 1 }, GroupAdmin).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.Aborted);
        (await InDatabase(db => db.TaskListChanges.CountAsync())).Should().Be(before);
    }
}
