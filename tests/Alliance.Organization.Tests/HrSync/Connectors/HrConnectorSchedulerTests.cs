using Alliance.Contracts;
using RegisterSubsidiaryRequest = Alliance.Contracts.Organization.V1.RegisterSubsidiaryRequest;
using Subsidiary = Alliance.Contracts.Organization.V1.Subsidiary;
using C = Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Validation;
using Alliance.Organization.Data;
using Alliance.Organization.HrSync;
using Alliance.Organization.HrSync.Connectors;
using Alliance.Organization.People;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Employee = Alliance.Testing.FakeHrSystem.Employee;

namespace Alliance.Organization.Tests.HrSync.Connectors;

/// <summary>The scheduler against a real PostgreSQL database and a real HR system on a loopback port.</summary>
public class HrConnectorSchedulerTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly FakeHrSystem _hr = new();

    public async Task InitializeAsync()
    {
        var configuration = await new Dictionary<string, string?>().AddOwnServersAsync("hrconnectors");
        configuration["HrConnectors:Scheduler"] = "false";
        _host = await ServiceHost.StartAsync(configuration, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _hr.Dispose();
    }

    async Task<T> InDatabase<T>(Func<OrganizationDbContext, Task<T>> work)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<OrganizationDbContext>());
    }

    async Task<(Guid Subsidiary, Guid Connector)> ConnectorAsync(int pageSize = 2)
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin }, { AllianceMetadata.UserId, "tester" } };
        var subsidiary = await _host.Client<C.SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(
            new RegisterSubsidiaryRequest { Code = "HC" + Guid.NewGuid().ToString("N")[..6], Name = "连接器企业" }, new CallOptions(metadata));
        var definition = SampleDefinitions.Beisen(_hr.BaseUrl);
        definition.ListPath = "/employees";
        definition.PageSize = pageSize;
        var protector = _host.Services.GetRequiredService<PersonalDataProtector>();
        var id = await InDatabase(async db =>
        {
            var connector = HrConnectorRegistration.Create(Guid.Parse(subsidiary.Id), "北森", definition, protector.Encrypt(_hr.Token), 3600, true,
                DateTimeOffset.UtcNow.AddMinutes(-1));
            db.Add(connector);
            await db.SaveChangesAsync();
            return connector.Id;
        });
        return (Guid.Parse(subsidiary.Id), id);
    }

    Task<HrConnectorRegistration> ConnectorOf(Guid id) => InDatabase(db => db.Set<HrConnectorRegistration>().AsNoTracking().SingleAsync(c => c.Id == id));

    Task MakeDue(Guid id) => InDatabase(db => db.Set<HrConnectorRegistration>().Where(c => c.Id == id)
        .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextRunAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

    Task<List<(string? Number, string Name, bool Active, string? Department)>> HrUsersOf(Guid subsidiary) => InDatabase(async db =>
        (await db.Set<HrUser>().Where(u => u.SubsidiaryId == subsidiary).OrderBy(u => u.EmployeeNumber).ToListAsync())
        .Select(u => (u.EmployeeNumber, db.Set<Person>().Single(p => p.Id == u.PersonId).Name, u.Active, u.Department)).ToList());

    HrConnectorScheduler Scheduler => _host.Services.GetRequiredService<HrConnectorScheduler>();

    [Fact]
    public async Task A_run_creates_people_and_the_next_run_pulls_only_changes_from_the_cursor()
    {
        lock (_hr.Employees)
            _hr.Employees.AddRange([
                new Employee("1", "B001", "吴一", "财务部", "会计", "1", "2026-11-20 09:00:00"),
                new Employee("2", "B002", "吴二", "生产部", "技术员", "1", "2026-11-20 10:00:00"),
                new Employee("3", "B003", "吴三", "生产部", "班长", "1", "2026-11-20 11:00:00"),
            ]);
        var (subsidiary, id) = await ConnectorAsync(pageSize: 2);

        (await Scheduler.RunAsync(id, CancellationToken.None)).Should().BeTrue();

        var first = await ConnectorOf(id);
        (first.LastRunStatus, first.LastRunCreated, first.LastRunPages, first.Cursor).Should().Be((RunStatuses.Succeeded, 3, 3, "2026-11-20 11:00:00"), "the inclusive lower bound re-pulls the boundary record on the next page");
        (await HrUsersOf(subsidiary)).Should().Equal(("B001", "吴一", true, "财务部"), ("B002", "吴二", true, "生产部"), ("B003", "吴三", true, "生产部"));
        first.NextRunAt.Should().BeAfter(first.LastRunAt!.Value);
        (await Scheduler.RunAsync(id, CancellationToken.None)).Should().BeFalse("it is not due again until the interval passed");

        lock (_hr.Employees)
        {
            _hr.Employees[1] = _hr.Employees[1] with { Name = "吴贰", Department = "质检部", ModifiedTime = "2026-11-21 08:00:00" };
            _hr.Employees[2] = _hr.Employees[2] with { Status = "8", ModifiedTime = "2026-11-21 09:00:00" };
        }
        while (_hr.Requests.TryDequeue(out _)) { }
        await MakeDue(id);
        (await Scheduler.RunAsync(id, CancellationToken.None)).Should().BeTrue();

        _hr.Requests.First().Should().Contain("startTime=2026-11-20%2011%3A00%3A00", "the second run starts from the stored cursor");
        var second = await ConnectorOf(id);
        (second.LastRunStatus, second.LastRunCreated, second.LastRunUpdated, second.LastRunDeactivated, second.Cursor)
            .Should().Be((RunStatuses.Succeeded, 0, 1, 1, "2026-11-21 09:00:00"));
        // Only the two changed employees came (B001 was not pulled again); the last page re-pulled B003 and changed nothing.
        _hr.Requests.Should().HaveCount(2);
        (await HrUsersOf(subsidiary)).Should().Equal(("B001", "吴一", true, "财务部"), ("B002", "吴贰", true, "质检部"), ("B003", "吴三", false, "生产部"));
        (await InDatabase(db => db.Set<Person>().CountAsync(p => p.SubsidiaryId == subsidiary))).Should().Be(3);

        // Both runs went through the shared HR apply path, which counts them into the connector's sync run of the day:
        // 3 created, then 1 updated and 1 deactivated; the re-pulled boundary records changed nothing.
        var run = await InDatabase(db => db.Set<HrSyncRun>().AsNoTracking().SingleAsync(r => r.SubsidiaryId == subsidiary));
        (run.Source, run.Created, run.Updated, run.Deactivated, run.Errors).Should().Be(("connector-" + id.ToString("N")[..12], 3, 1, 1, 0));
        run.Unchanged.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_failing_page_leaves_the_cursor_after_the_last_applied_page_and_records_the_run_failed()
    {
        lock (_hr.Employees)
            for (var i = 1; i <= 5; i++) _hr.Employees.Add(new Employee($"{i}", $"F{i:D3}", $"钱{i}", "财务部", "会计", "1", $"2026-11-20 0{i}:00:00"));
        var (subsidiary, id) = await ConnectorAsync(pageSize: 2);
        _hr.FailAfterRequests = 1;

        (await Scheduler.RunAsync(id, CancellationToken.None)).Should().BeTrue();

        var failed = await ConnectorOf(id);
        (failed.LastRunStatus, failed.LastRunPages, failed.LastRunCreated, failed.Cursor).Should().Be((RunStatuses.Failed, 1, 2, "2026-11-20 02:00:00"));
        failed.LastRunError.Should().Contain("500").And.Contain("HR is down");
        (await HrUsersOf(subsidiary)).Select(u => u.Number).Should().Equal("F001", "F002");

        _hr.FailAfterRequests = null;
        await MakeDue(id);
        (await Scheduler.RunAsync(id, CancellationToken.None)).Should().BeTrue();
        var recovered = await ConnectorOf(id);
        (recovered.LastRunStatus, recovered.LastRunError, recovered.Cursor).Should().Be((RunStatuses.Succeeded, (string?)null, "2026-11-20 05:00:00"));
        (await HrUsersOf(subsidiary)).Select(u => u.Number).Should().Equal("F001", "F002", "F003", "F004", "F005");
    }

    [Fact]
    public async Task A_wrong_token_fails_the_run_with_the_answer()
    {
        var (_, id) = await ConnectorAsync();
        _hr.Token = "another";
        (await Scheduler.RunAsync(id, CancellationToken.None)).Should().BeTrue();
        var failed = await ConnectorOf(id);
        failed.LastRunStatus.Should().Be(RunStatuses.Failed);
        failed.LastRunError.Should().Contain("401");
        failed.Cursor.Should().BeNull();
    }

    [Fact]
    public async Task Two_schedulers_on_one_database_run_a_due_connector_once()
    {
        lock (_hr.Employees)
            for (var i = 1; i <= 4; i++) _hr.Employees.Add(new Employee($"{i}", $"L{i:D3}", $"孙{i}", "生产部", "技术员", "1", $"2026-11-20 0{i}:00:00"));
        var (subsidiary, _) = await ConnectorAsync(pageSize: 2);
        _hr.Delay = TimeSpan.FromMilliseconds(300);
        var one = ActivatorUtilities.CreateInstance<HrConnectorScheduler>(_host.Services);
        var two = ActivatorUtilities.CreateInstance<HrConnectorScheduler>(_host.Services);

        var ran = await Task.WhenAll(one.RunDueAsync(CancellationToken.None), two.RunDueAsync(CancellationToken.None),
            one.RunDueAsync(CancellationToken.None), two.RunDueAsync(CancellationToken.None));

        ran.Sum().Should().Be(1);
        _hr.Requests.Count(r => !r.Contains("startTime")).Should().Be(1, "only one run pulled the first page");
        (await HrUsersOf(subsidiary)).Select(u => u.Number).Should().Equal("L001", "L002", "L003", "L004");
        (await InDatabase(db => db.Set<Person>().CountAsync(p => p.SubsidiaryId == subsidiary))).Should().Be(4);
    }

    static CallOptions As(string role, Guid? tenant = null)
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, "tester" } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant.ToString()!);
        return new CallOptions(metadata);
    }

    [Fact]
    public async Task The_service_refuses_a_bad_definition_with_field_violations_writes_nothing_and_keeps_subsidiaries_apart()
    {
        var (subsidiary, existing) = await ConnectorAsync();
        var bad = new C.CreateHrConnectorRequest
        {
            SubsidiaryId = subsidiary.ToString(), Name = "坏", IntervalSeconds = 10,
            DefinitionJson = """{"baseUrl":"ftp://x","listPath":"/x","cursorMode":"updatedSince","fields":{"name":"n"}}""",
        };
        var refused = await FluentActions.Awaiting(() => _host.Client<C.HrConnectorService.HrConnectorServiceClient>().CreateHrConnectorAsync(bad, As(Roles.GroupAdmin)).ResponseAsync)
            .Should().ThrowAsync<RpcException>();
        refused.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(refused.Which).Keys.Should().BeEquivalentTo("intervalSeconds", "definition.baseUrl", "definition.fields.updatedAt",
            "definition.fields.employeeNumber");
        (await InDatabase(db => db.Set<HrConnectorRegistration>().CountAsync(c => c.SubsidiaryId == subsidiary))).Should().Be(1);

        var other = Guid.NewGuid();
        var hidden = await FluentActions.Awaiting(() => _host.Client<C.HrConnectorService.HrConnectorServiceClient>().GetHrConnectorAsync(new C.HrConnectorIdRequest { Id = existing.ToString() }, As(Roles.SubsidiaryAdmin, other)).ResponseAsync).Should().ThrowAsync<RpcException>();
        hidden.Which.StatusCode.Should().Be(StatusCode.NotFound);
        var own = await _host.Client<C.HrConnectorService.HrConnectorServiceClient>().GetHrConnectorAsync(new C.HrConnectorIdRequest { Id = existing.ToString() }, As(Roles.SubsidiaryAdmin, subsidiary)).ResponseAsync;
        (own.HasSecret, own.DefinitionJson.Contains(_hr.Token)).Should().Be((true, false));
    }

    [Fact]
    public async Task Run_now_waits_for_a_run_in_progress_instead_of_overlapping_it()
    {
        lock (_hr.Employees)
            for (var i = 1; i <= 4; i++) _hr.Employees.Add(new Employee($"{i}", $"W{i:D3}", $"李{i}", "生产部", "技术员", "1", $"2026-11-20 0{i}:00:00"));
        var (_, id) = await ConnectorAsync(pageSize: 2);
        _hr.Delay = TimeSpan.FromMilliseconds(300);
        var other = ActivatorUtilities.CreateInstance<HrConnectorScheduler>(_host.Services);

        var first = other.RunAsync(id, CancellationToken.None);
        while (_hr.Requests.IsEmpty) await Task.Delay(20);   // the other run holds the lock now
        var waited = await Scheduler.RunAsync(id, CancellationToken.None, waitForLock: true);

        (await ConnectorOf(id)).LastRunStatus.Should().Be(RunStatuses.Succeeded, "run now returned only after the other run ended");
        waited.Should().BeFalse("the run that just ended made it not due");
        (await first).Should().BeTrue();
    }
}
