using System.Text;
using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Organization.Tests.HrSync;

/// <summary>The one HR apply path, sync runs, conflicts and file imports, over gRPC against a real PostgreSQL and RabbitMQ.</summary>
public class HrApplyServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly Dictionary<string, string?> _configuration = new();

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("hrapply");
        _host = await ServiceHost.StartAsync(_configuration, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, string? tenant = null)
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, "tester" } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant);
        return new CallOptions(metadata);
    }

    static readonly CallOptions GroupAdmin = As(Roles.GroupAdmin);

    async Task<T> InDatabase<T>(Func<OrganizationDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OrganizationDbContext>());
    }

    Task<Subsidiary> SubsidiaryAsync(string code) => _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, GroupAdmin).ResponseAsync;

    static HrEmployeeRecord Record(int row, string number, string name, string department, bool active, DateTimeOffset at) => new()
    {
        RowNumber = row, EmployeeNumber = number, Name = name, Department = department, Position = "工程师", Active = active,
        HrUpdatedAt = Timestamp.FromDateTimeOffset(at),
    };

    async Task<ApplyHrEmployeesResponse> ApplyAsync(string subsidiaryId, string runId, params HrEmployeeRecord[] records)
    {
        var request = new ApplyHrEmployeesRequest { SubsidiaryId = subsidiaryId, SyncRunId = runId };
        request.Records.AddRange(records);
        return await _host.Client<HrSyncService.HrSyncServiceClient>().ApplyHrEmployeesAsync(request, GroupAdmin).ResponseAsync;
    }

    Task<HrSyncRun> StartAsync(string subsidiaryId, string source = "test-connector") =>
        _host.Client<HrSyncService.HrSyncServiceClient>().StartHrSyncRunAsync(new StartHrSyncRunRequest { SubsidiaryId = subsidiaryId, Source = source }, GroupAdmin).ResponseAsync;

    static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Records_converge_on_HRs_latest_state_whatever_the_order_and_repeats_change_nothing()
    {
        var subsidiary = await SubsidiaryAsync("HRA1");
        var run = await StartAsync(subsidiary.Id);

        var first = await ApplyAsync(subsidiary.Id, run.Id, Record(1, "E100", "赵一", "研发部", true, T0));
        first.Results.Single().Outcome.Should().Be("created");
        var personId = first.Results.Single().PersonId;

        // The newer state arrives first, the older one after it: the older is ignored.
        var newer = await ApplyAsync(subsidiary.Id, run.Id, Record(2, "E100", "赵一", "市场部", true, T0.AddHours(2)));
        newer.Results.Single().Outcome.Should().Be("updated");
        var older = await ApplyAsync(subsidiary.Id, run.Id, Record(3, "E100", "赵一", "财务部", true, T0.AddHours(1)));
        older.Results.Single().Outcome.Should().Be("stale");
        var repeat = await ApplyAsync(subsidiary.Id, run.Id, Record(4, "E100", "赵一", "市场部", true, T0.AddHours(2)));
        repeat.Results.Single().Outcome.Should().Be("unchanged");

        var user = await InDatabase(db => db.Set<Alliance.Organization.HrSync.HrUser>().AsNoTracking().SingleAsync(u => u.PersonId == Guid.Parse(personId)));
        user.Department.Should().Be("市场部");
        user.HrUpdatedAt.Should().Be(T0.AddHours(2));
        var events = await InDatabase(db => db.Database.SqlQueryRaw<string>(
            "SELECT message_type AS \"Value\" FROM outbox_messages WHERE body::text LIKE {0}", $"%{user.Id}%").ToListAsync());
        events.Count(e => e.Contains(nameof(DepartmentChangedInHr))).Should().Be(1, "only the one applied change of department is announced");

        var counted = repeat.Run;
        (counted.Created, counted.Updated, counted.Stale, counted.Unchanged, counted.Processed).Should().Be((1, 1, 1, 1, 4));
        var finished = await _host.Client<HrSyncService.HrSyncServiceClient>().FinishHrSyncRunAsync(new FinishHrSyncRunRequest { Id = run.Id }, GroupAdmin).ResponseAsync;
        finished.Status.Should().Be("succeeded");
        finished.FinishedAt.Should().NotBeNull();
        var late = await Assert.ThrowsAsync<RpcException>(() => ApplyAsync(subsidiary.Id, run.Id, Record(5, "E101", "钱二", "研发部", true, T0)));
        late.StatusCode.Should().Be(StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task Deactivating_a_secretary_applies_the_employment_change_keeps_the_role_and_raises_a_conflict_to_resolve()
    {
        var subsidiary = await SubsidiaryAsync("HRA2");
        var branch = await _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(new CreateOrganizationRequest { SubsidiaryId = subsidiary.Id, Name = "第一支部", Kind = OrganizationKind.Branch }, GroupAdmin).ResponseAsync;
        var person = await _host.Client<PeopleService.PeopleServiceClient>().RegisterPersonAsync(new RegisterPersonRequest { SubsidiaryId = subsidiary.Id, Name = "孙书记", Kind = PersonKind.Employee, EmployeeNumber = "S1" }, GroupAdmin).ResponseAsync;
        person = await _host.Client<PeopleService.PeopleServiceClient>().JoinPartyAsync(new JoinPartyRequest
            { PersonId = person.Id, OrganizationId = branch.Id, JoinedOn = "2020-07-01", Status = MembershipStatus.Full, ExpectedVersion = person.Version }, GroupAdmin).ResponseAsync;
        person = await _host.Client<PeopleService.PeopleServiceClient>().AssignRoleAsync(new AssignRoleRequest
            { PersonId = person.Id, OrganizationId = branch.Id, Role = OrganizationRoleKind.Secretary, StartsOn = "2024-01-01", ExpectedVersion = person.Version }, GroupAdmin).ResponseAsync;
        var run = await StartAsync(subsidiary.Id);

        (await ApplyAsync(subsidiary.Id, run.Id, Record(1, "S1", "孙书记", "办公室", true, T0))).Results.Single().Outcome.Should().Be("created", "an HR record is created and matched to the person by employee number");
        var left = await ApplyAsync(subsidiary.Id, run.Id, Record(2, "S1", "孙书记", "办公室", false, T0.AddDays(1)));

        left.Results.Single().Outcome.Should().Be("conflict");
        left.Results.Single().Message.Should().Contain("secretary").And.Contain("第一支部");
        var after = await _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(new GetPersonRequest { Id = person.Id }, GroupAdmin).ResponseAsync;
        after.Roles.Single().HasEndsOn.Should().BeFalse("party roles are never dropped by HR");
        var user = await InDatabase(db => db.Set<Alliance.Organization.HrSync.HrUser>().AsNoTracking().SingleAsync(u => u.PersonId == Guid.Parse(person.Id)));
        user.Active.Should().BeFalse("the employment change applies");

        var open = await _host.Client<HrSyncService.HrSyncServiceClient>().ListHrConflictsAsync(new ListHrConflictsRequest { SubsidiaryId = subsidiary.Id, Status = "open" }, GroupAdmin).ResponseAsync;
        var conflict = open.Items.Should().ContainSingle().Subject;
        (conflict.PersonId, conflict.Kind, conflict.SyncRunId).Should().Be((person.Id, "party-role", run.Id));
        conflict.RoleIds.Should().Equal(after.Roles.Single().Id);
        var raised = await InDatabase(db => db.Database.SqlQueryRaw<string>(
            "SELECT message_type AS \"Value\" FROM outbox_messages WHERE body::text LIKE {0}", $"%{conflict.Id}%").ToListAsync());
        raised.Should().ContainSingle(t => t.Contains(nameof(HrConflictRaised)));

        // Another subsidiary's administrator sees none of it.
        var other = await SubsidiaryAsync("HRA2X");
        var foreign = await _host.Client<HrSyncService.HrSyncServiceClient>().ListHrConflictsAsync(new ListHrConflictsRequest(), As(Roles.SubsidiaryAdmin, other.Id)).ResponseAsync;
        foreign.Items.Should().BeEmpty();
        var blank = await Assert.ThrowsAsync<RpcException>(() => _host.Client<HrSyncService.HrSyncServiceClient>().ResolveHrConflictAsync(new ResolveHrConflictRequest { Id = conflict.Id, Note = " " }, GroupAdmin).ResponseAsync);
        blank.StatusCode.Should().Be(StatusCode.InvalidArgument);

        var resolved = await _host.Client<HrSyncService.HrSyncServiceClient>().ResolveHrConflictAsync(new ResolveHrConflictRequest { Id = conflict.Id, Note = "保留书记职务至换届" }, GroupAdmin).ResponseAsync;
        (resolved.Status, resolved.ResolutionNote, resolved.ResolvedBy).Should().Be(("resolved", "保留书记职务至换届", "tester"));
        var again = await Assert.ThrowsAsync<RpcException>(() => _host.Client<HrSyncService.HrSyncServiceClient>().ResolveHrConflictAsync(new ResolveHrConflictRequest { Id = conflict.Id, Note = "x" }, GroupAdmin).ResponseAsync);
        again.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await _host.Client<HrSyncService.HrSyncServiceClient>().GetHrSyncRunAsync(new GetHrSyncRunRequest { Id = run.Id }, GroupAdmin).ResponseAsync).Conflicts.Should().Be(1);
    }

    static ImportHrFileRequest File(string subsidiaryId, byte[] bytes, bool dryRun, string name = "hr.csv") =>
        new() { SubsidiaryId = subsidiaryId, File = ByteString.CopyFrom(bytes), FileName = name, DryRun = dryRun };

    Task<int> PeopleOf(string subsidiaryId) => InDatabase(db => db.Set<Alliance.Organization.People.Person>().CountAsync(p => p.SubsidiaryId == Guid.Parse(subsidiaryId)));
    Task<int> HrUsersOf(string subsidiaryId) => InDatabase(db => db.Set<Alliance.Organization.HrSync.HrUser>().CountAsync(u => u.SubsidiaryId == Guid.Parse(subsidiaryId)));

    [Fact]
    public async Task A_file_preview_writes_nothing_and_the_import_applies_good_rows_and_reports_the_bad_one()
    {
        var subsidiary = await SubsidiaryAsync("HRA3");
        var csv = "工号,姓名,部门,岗位,状态,更新时间\r\nF1,李一,研发部,工程师,在职,2026-03-01 09:00\r\nF2,李二,市场部,经理,在职,2026-03-01 09:00\r\nF3,李三,研发部,,不知道,\r\n,无工号,研发部,,在职,\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK").GetBytes(csv);

        var preview = await _host.Client<HrSyncService.HrSyncServiceClient>().ImportHrFileAsync(File(subsidiary.Id, gbk, dryRun: true), GroupAdmin).ResponseAsync;
        preview.Kind.Should().Be("employees");
        preview.Results.Select(r => r.Outcome).Should().Equal("created", "created", "error", "error");
        preview.Results[2].Message.Should().Contain("status");
        preview.Run.Should().BeNull();
        (await PeopleOf(subsidiary.Id)).Should().Be(0);
        (await HrUsersOf(subsidiary.Id)).Should().Be(0);
        (await InDatabase(db => db.Set<Alliance.Organization.HrSync.HrSyncRun>().CountAsync(r => r.SubsidiaryId == Guid.Parse(subsidiary.Id)))).Should().Be(0);

        var applied = await _host.Client<HrSyncService.HrSyncServiceClient>().ImportHrFileAsync(File(subsidiary.Id, gbk, dryRun: false, name: "花名册.csv"), GroupAdmin).ResponseAsync;
        applied.Results.Select(r => r.Outcome).Should().Equal("created", "created", "error", "error");
        (await PeopleOf(subsidiary.Id)).Should().Be(2);
        (applied.Run.Source, applied.Run.Status, applied.Run.Created, applied.Run.Errors, applied.Run.Total).Should().Be(("file:花名册.csv", "succeeded", 2, 2, 4));
        applied.Run.ErrorMessages.Should().HaveCount(2);
        var rows = await _host.Client<HrSyncService.HrSyncServiceClient>().ListHrSyncRunRowsAsync(new ListHrSyncRunRowsRequest { RunId = applied.Run.Id }, GroupAdmin).ResponseAsync;
        rows.Rows.Select(r => (r.RowNumber, r.Outcome)).Should().Equal((2, "created"), (3, "created"), (4, "error"), (5, "error"));
        rows.Rows[0].Name.Should().Be("李一");

        // The same file again: nothing changes; a UTF-8 file with a later time updates.
        var again = await _host.Client<HrSyncService.HrSyncServiceClient>().ImportHrFileAsync(File(subsidiary.Id, gbk, dryRun: false), GroupAdmin).ResponseAsync;
        again.Results.Take(2).Select(r => r.Outcome).Should().Equal("unchanged", "unchanged");
        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("employeeNumber,name,department,status,updatedAt\nF1,李一,销售部,inactive,2026-03-02T09:00:00+08:00\nF2,李二,市场部,active,2026-02-01T09:00:00+08:00\n")).ToArray();
        var later = await _host.Client<HrSyncService.HrSyncServiceClient>().ImportHrFileAsync(File(subsidiary.Id, utf8, dryRun: false), GroupAdmin).ResponseAsync;
        later.Results.Select(r => r.Outcome).Should().Equal("deactivated", "stale");
    }

    [Fact]
    public async Task An_xlsx_file_of_departments_upserts_HR_groups_by_code()
    {
        var subsidiary = await SubsidiaryAsync("HRA4");
        var xlsx = Workbooks.Xlsx(["部门编码", "部门名称"], ["D1", "研发部"], ["D2", "市场部"]);
        var first = await _host.Client<HrSyncService.HrSyncServiceClient>().ImportHrFileAsync(File(subsidiary.Id, xlsx, dryRun: false, name: "departments.xlsx"), GroupAdmin).ResponseAsync;
        first.Kind.Should().Be("departments");
        first.Results.Select(r => r.Outcome).Should().Equal("created", "created");
        var renamed = Workbooks.Xlsx(["部门编码", "部门名称"], ["D1", "研发中心"], ["D2", "市场部"]);
        var second = await _host.Client<HrSyncService.HrSyncServiceClient>().ImportHrFileAsync(File(subsidiary.Id, renamed, dryRun: false, name: "departments.xlsx"), GroupAdmin).ResponseAsync;
        second.Results.Select(r => r.Outcome).Should().Equal("updated", "unchanged");
        var names = await InDatabase(db => db.Set<Alliance.Organization.HrSync.HrGroup>().Where(g => g.SubsidiaryId == Guid.Parse(subsidiary.Id)).OrderBy(g => g.ExternalId).Select(g => g.DisplayName).ToListAsync());
        names.Should().Equal("研发中心", "市场部");
    }

    [Fact]
    public async Task Only_an_administrator_or_HR_client_of_the_subsidiary_applies_records()
    {
        var subsidiary = await SubsidiaryAsync("HRA5");
        var other = await SubsidiaryAsync("HRA5X");
        var secretary = await Assert.ThrowsAsync<RpcException>(() => _host.Client<HrSyncService.HrSyncServiceClient>().StartHrSyncRunAsync(new StartHrSyncRunRequest { SubsidiaryId = subsidiary.Id, Source = "x" }, As(Roles.Secretary, subsidiary.Id)).ResponseAsync);
        secretary.StatusCode.Should().Be(StatusCode.PermissionDenied);
        var foreign = await Assert.ThrowsAsync<RpcException>(() => _host.Client<HrSyncService.HrSyncServiceClient>().StartHrSyncRunAsync(new StartHrSyncRunRequest { SubsidiaryId = subsidiary.Id, Source = "x" }, As(Roles.HrClient, other.Id)).ResponseAsync);
        foreign.StatusCode.Should().Be(StatusCode.NotFound);
        var run = await _host.Client<HrSyncService.HrSyncServiceClient>().StartHrSyncRunAsync(new StartHrSyncRunRequest { SubsidiaryId = subsidiary.Id, Source = "x" }, As(Roles.HrClient, subsidiary.Id)).ResponseAsync;
        var missing = new ApplyHrEmployeesRequest { SubsidiaryId = subsidiary.Id, SyncRunId = run.Id };
        missing.Records.Add(new HrEmployeeRecord { RowNumber = 1, Name = "无编号", Active = true });
        var result = await _host.Client<HrSyncService.HrSyncServiceClient>().ApplyHrEmployeesAsync(missing, As(Roles.HrClient, subsidiary.Id)).ResponseAsync;
        result.Results.Single().Outcome.Should().Be("error");
        result.Results.Single().Message.Should().Contain("employeeNumber");
        (await HrUsersOf(subsidiary.Id)).Should().Be(0);
    }
}
