using System.Text;
using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Organization.Tests.HrSync;

/// <summary>
/// File imports apply in batches of 2,000 with set lookups and COPY: the same decisions as the one-record-at-a-time
/// path, every event written, a clashing batch redone row by row. Against a real PostgreSQL and RabbitMQ.
/// </summary>
public class HrFileBatchTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly Dictionary<string, string?> _configuration = new();

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("hrbatch");
        // The events are counted in the outbox, before the dispatcher marks them.
        _configuration["Messaging:Outbox:Enabled"] = "false";
        _host = await ServiceHost.StartAsync(_configuration, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static readonly CallOptions GroupAdmin = new(new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin }, { AllianceMetadata.UserId, "tester" } });

    async Task<T> InDatabase<T>(Func<OrganizationDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OrganizationDbContext>());
    }

    Task<Subsidiary> SubsidiaryAsync(string code) => _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, new CallOptions(GroupAdmin.Headers, DateTime.UtcNow.AddMinutes(5))).ResponseAsync;

    Task<ImportHrFileResponse> ImportAsync(string subsidiaryId, string csv, bool dryRun = false) =>
        _host.Client<HrSyncService.HrSyncServiceClient>().ImportHrFileAsync(new ImportHrFileRequest
        {
            SubsidiaryId = subsidiaryId, File = ByteString.CopyFrom(Encoding.UTF8.GetBytes(csv)), FileName = "roster.csv", DryRun = dryRun,
        }, new CallOptions(GroupAdmin.Headers, DateTime.UtcNow.AddMinutes(5))).ResponseAsync;

    Task<int> CountAsync(string sql, string subsidiaryId) =>
        InDatabase(db => db.Database.SqlQueryRaw<int>(sql, Guid.Parse(subsidiaryId)).SingleAsync());

    /// <summary>
    /// The subsidiary's events in the outbox by type, each event of a batch row counted (an import writes its events as
    /// EventBatch rows of up to a thousand, ADR 19), and how many rows held them.
    /// </summary>
    Task<(Dictionary<string, int> Events, int Rows)> EventsAsync(string subsidiaryId) => InDatabase(async db =>
    {
        var events = new Dictionary<string, int>();
        var rows = 0;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT message_type, body FROM outbox_messages WHERE tenant_id = '{Guid.Parse(subsidiaryId)}'";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows++;
            var (type, body) = (reader.GetString(0), reader.GetString(1));
            var batch = System.Text.RegularExpressions.Regex.Match(type, @"^Alliance\.Contracts\.Events\.EventBatch`1\[\[Alliance\.Contracts\.Events\.(\w+),");
            var name = batch.Success ? batch.Groups[1].Value : type.Split(',')[0].Split('.').Last();
            var count = batch.Success ? System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("events").GetArrayLength() : 1;
            events[name] = events.GetValueOrDefault(name) + count;
        }
        return (events, rows);
    });

    /// <summary>
    /// Stands for a concurrent writer the batch's look-ups could not see: inserting an HR user with this employee number
    /// fails as a unique violation (a trigger in the test's own database).
    /// </summary>
    Task RefuseAtInsertAsync(string employeeNumber)
    {
        var sql = "CREATE FUNCTION refuse_clash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.employee_number = '" + employeeNumber +
                  "' THEN RAISE unique_violation USING MESSAGE = 'clash'; END IF; RETURN NEW; END $$; " +
                  "CREATE TRIGGER refuse_clash BEFORE INSERT ON hr_users FOR EACH ROW EXECUTE FUNCTION refuse_clash();";
        return InDatabase(db => db.Database.ExecuteSqlRawAsync(sql));
    }

    const string Header = "工号,姓名,部门,岗位,状态,更新时间\n";

    static string Roster(int count, Func<int, string>? department = null, Func<int, string>? status = null) =>
        Header + string.Concat(Enumerable.Range(1, count).Select(i =>
            $"E{i:D6},员工{i},{department?.Invoke(i) ?? "研发部"},工程师,{status?.Invoke(i) ?? "在职"},2026-03-01 09:00\n"));

    [Fact]
    public async Task A_file_of_12000_employees_creates_every_person_and_event_across_batches_and_again_changes_nothing()
    {
        var subsidiary = await SubsidiaryAsync("HRB1");
        var csv = Roster(12_000);

        var preview = await ImportAsync(subsidiary.Id, csv, dryRun: true);
        preview.Counts["created"].Should().Be(12_000);
        preview.Results.Should().HaveCount(Alliance.Organization.HrSync.Runs.ImportHrFile.MaxResultsInAnswer, "the answer carries the first 10,000 rows");
        preview.ResultsTruncated.Should().BeTrue();
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM people WHERE subsidiary_id = {0}", subsidiary.Id)).Should().Be(0, "a preview writes nothing");

        var applied = await ImportAsync(subsidiary.Id, csv);
        applied.Counts["created"].Should().Be(12_000);
        (applied.Run.Created, applied.Run.Processed, applied.Run.Total, applied.Run.Status).Should().Be((12_000, 12_000, 12_000, "succeeded"));
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM people WHERE subsidiary_id = {0} AND name_search IS NOT NULL", subsidiary.Id)).Should().Be(12_000);
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM hr_users WHERE subsidiary_id = {0}", subsidiary.Id)).Should().Be(12_000);
        var (events, outboxRows) = await EventsAsync(subsidiary.Id);
        (events["PersonRegistered"], events["PersonSyncedFromHr"]).Should().Be((12_000, 12_000));
        outboxRows.Should().BeLessThanOrEqualTo(2 * 12 + 1, "each batch's events are a row per type of up to a thousand, not two rows per employee");
        var stored = await InDatabase(db => db.Set<Alliance.Organization.HrSync.HrSyncRunRow>().CountAsync(r => r.RunId == Guid.Parse(applied.Run.Id)));
        stored.Should().Be(12_000, "every row's result is kept for results.csv");
        var one = await InDatabase(db => db.Set<Alliance.Organization.People.Person>().AsNoTracking().SingleAsync(p => p.EmployeeNumber == "E011999"));
        one.Name.Should().Be("员工11999");

        var again = await ImportAsync(subsidiary.Id, csv);
        again.Counts["unchanged"].Should().Be(12_000);
        again.Counts.GetValueOrDefault("created").Should().Be(0);
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM people WHERE subsidiary_id = {0}", subsidiary.Id)).Should().Be(12_000);
    }

    [Fact]
    public async Task A_later_file_saves_each_change_to_stored_rows_and_leaves_the_rest_untouched()
    {
        var subsidiary = await SubsidiaryAsync("HRB5");
        await ImportAsync(subsidiary.Id, Header +
            "D1,甲,研发部,工程师,在职,2026-03-01 09:00\n" +
            "D2,乙,研发部,工程师,在职,2026-03-01 09:00\n" +
            "D3,丙,研发部,工程师,在职,2026-03-01 09:00\n" +
            "D4,丁,研发部,工程师,在职,2026-03-01 09:00\n");
        async Task<(string Department, bool Active, string Name, DateTimeOffset? HrTime, long Version)> Stored(string number) =>
            await InDatabase(async db =>
            {
                var user = await db.Set<Alliance.Organization.HrSync.HrUser>().AsNoTracking().SingleAsync(u => u.EmployeeNumber == number && u.SubsidiaryId == Guid.Parse(subsidiary.Id));
                var person = await db.Set<Alliance.Organization.People.Person>().AsNoTracking().SingleAsync(p => p.Id == user.PersonId);
                return (user.Department!, user.Active, person.Name, user.HrUpdatedAt, user.Version);
            });
        var before = await Stored("D4");

        var nextDay = await ImportAsync(subsidiary.Id, Header +
            "D1,甲,市场部,工程师,在职,2026-03-02 09:00\n" +   // moved
            "D2,乙二,研发部,工程师,在职,2026-03-02 09:00\n" + // renamed: the person follows
            "D3,丙,研发部,工程师,离职,2026-03-02 09:00\n" +   // left
            "D4,丁,研发部,工程师,在职,2026-03-02 09:00\n");   // the same, at a later HR time
        nextDay.Results.Select(r => r.Outcome).Should().Equal("updated", "updated", "deactivated", "unchanged");

        (await Stored("D1")).Department.Should().Be("市场部");
        (await Stored("D2")).Name.Should().Be("乙二");
        (await Stored("D3")).Active.Should().BeFalse();
        var d4 = await Stored("D4");
        (d4.Department, d4.Name, d4.Active).Should().Be((before.Department, before.Name, before.Active));
        d4.HrTime.Should().BeAfter(before.HrTime!.Value, "a later HR time is kept even when nothing else changed");
        // So a record between the two times is now older than what is stored: stale, and nothing changes.
        var late = await ImportAsync(subsidiary.Id, Header + "D4,丁,销售部,工程师,在职,2026-03-01 21:00\n");
        late.Results.Single().Outcome.Should().Be("stale");
        (await Stored("D4")).Department.Should().Be("研发部");
    }

    /// <summary>Rows that depend on each other and on what is stored, in one file; the same records one call at a time must end alike.</summary>
    static string MixedFile(string suffix) => Header +
        $"M1{suffix},新员工,研发部,工程师,在职,2026-03-01 09:00\n" +       // created
        $"M1{suffix},新员工,市场部,工程师,在职,2026-03-02 09:00\n" +       // the same employee again, later: updated
        $"M1{suffix},新员工,销售部,工程师,在职,2026-02-01 09:00\n" +       // older than the stored record: stale
        $"P1{suffix},老员工,研发部,工程师,在职,2026-03-01 09:00\n" +       // matched to a registered person by employee number
        $"S1{suffix},王书记,办公室,主任,离职,2026-03-01 09:00\n" +         // a secretary leaves: conflict
        $"S1{suffix},王书记,办公室,主任,离职,2026-03-03 09:00\n" +         // the same state, later: unchanged, no second conflict
        $"X1{suffix},无状态,研发部,,不知道,\n" +                            // bad status: error
        $",无工号,研发部,,在职,\n";                                          // no number nor externalId: error

    [Fact]
    public async Task A_batch_takes_the_same_decisions_as_records_applied_one_at_a_time()
    {
        async Task<(Subsidiary Subsidiary, string SecretaryId)> Prepare(string code, string suffix)
        {
            var subsidiary = await SubsidiaryAsync(code);
            var branch = await _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(new CreateOrganizationRequest { SubsidiaryId = subsidiary.Id, Name = "第一支部", Kind = OrganizationKind.Branch }, new CallOptions(GroupAdmin.Headers, DateTime.UtcNow.AddMinutes(5))).ResponseAsync;
            await _host.Client<PeopleService.PeopleServiceClient>().RegisterPersonAsync(new RegisterPersonRequest { SubsidiaryId = subsidiary.Id, Name = "老员工", Kind = PersonKind.Employee, EmployeeNumber = "P1" + suffix }, new CallOptions(GroupAdmin.Headers, DateTime.UtcNow.AddMinutes(5))).ResponseAsync;
            var secretary = await _host.Client<PeopleService.PeopleServiceClient>().RegisterPersonAsync(new RegisterPersonRequest { SubsidiaryId = subsidiary.Id, Name = "王书记", Kind = PersonKind.Employee, EmployeeNumber = "S1" + suffix }, new CallOptions(GroupAdmin.Headers, DateTime.UtcNow.AddMinutes(5))).ResponseAsync;
            secretary = await _host.Client<PeopleService.PeopleServiceClient>().JoinPartyAsync(new JoinPartyRequest
                { PersonId = secretary.Id, OrganizationId = branch.Id, JoinedOn = "2020-07-01", Status = MembershipStatus.Full, ExpectedVersion = secretary.Version }, new CallOptions(GroupAdmin.Headers, DateTime.UtcNow.AddMinutes(5))).ResponseAsync;
            await _host.Client<PeopleService.PeopleServiceClient>().AssignRoleAsync(new AssignRoleRequest
                { PersonId = secretary.Id, OrganizationId = branch.Id, Role = OrganizationRoleKind.Secretary, StartsOn = "2024-01-01", ExpectedVersion = secretary.Version }, new CallOptions(GroupAdmin.Headers, DateTime.UtcNow.AddMinutes(5))).ResponseAsync;
            return (subsidiary, secretary.Id);
        }

        var (batched, batchedSecretary) = await Prepare("HRB2", "a");
        var (single, singleSecretary) = await Prepare("HRB3", "b");

        var file = await ImportAsync(batched.Id, MixedFile("a"));

        // One at a time: the same rows, each in its own ApplyHrEmployees call (the records a file row becomes).
        var run = await _host.Client<HrSyncService.HrSyncServiceClient>().StartHrSyncRunAsync(new StartHrSyncRunRequest { SubsidiaryId = single.Id, Source = "one-by-one" }, new CallOptions(GroupAdmin.Headers, DateTime.UtcNow.AddMinutes(5))).ResponseAsync;
        var oneByOne = new List<HrRecordResult>();
        var lines = MixedFile("b").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var cells = lines[i].Split(',');
            var record = new HrEmployeeRecord { RowNumber = i + 2, Name = cells[1], Department = cells[2], Position = cells[3], Active = cells[4] != "离职" };
            if (cells[0].Length > 0) record.EmployeeNumber = cells[0];
            record.HrUpdatedAt = cells[5].Length > 0
                ? Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(cells[5] + " +08:00", System.Globalization.CultureInfo.InvariantCulture))
                : Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
            if (cells[4] == "不知道") { oneByOne.Add(new HrRecordResult { RowNumber = i + 2, Outcome = "error" }); continue; } // the file reader's check
            var request = new ApplyHrEmployeesRequest { SubsidiaryId = single.Id, SyncRunId = run.Id };
            request.Records.Add(record);
            oneByOne.AddRange((await _host.Client<HrSyncService.HrSyncServiceClient>().ApplyHrEmployeesAsync(request, new CallOptions(GroupAdmin.Headers, DateTime.UtcNow.AddMinutes(5))).ResponseAsync).Results);
        }

        file.Results.Select(r => r.Outcome).Should().Equal(oneByOne.Select(r => r.Outcome));
        file.Results.Select(r => r.Outcome).Should().Equal("created", "updated", "stale", "created", "conflict", "unchanged", "error", "error");
        file.Results[3].PersonId.Should().NotBeEmpty();
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM people WHERE subsidiary_id = {0}", batched.Id)).Should().Be(3, "the registered employee was matched, not copied");
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM hr_conflicts WHERE subsidiary_id = {0} AND NOT resolved", batched.Id)).Should().Be(1);
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM hr_conflicts WHERE subsidiary_id = {0} AND NOT resolved", single.Id)).Should().Be(1);
        foreach (var (subsidiary, secretary) in new[] { (batched.Id, batchedSecretary), (single.Id, singleSecretary) })
        {
            var person = await _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(new GetPersonRequest { Id = secretary }, new CallOptions(GroupAdmin.Headers, DateTime.UtcNow.AddMinutes(5))).ResponseAsync;
            person.Roles.Single().HasEndsOn.Should().BeFalse("party roles are never dropped by HR");
            var (events, _) = await EventsAsync(subsidiary);
            events.Where(e => !e.Key.Contains("Subsidiary") && !e.Key.Contains("Organization") && !e.Key.Contains("Role") && e.Key != "MemberJoined")
                .ToDictionary().Should().BeEquivalentTo(new Dictionary<string, int>
            {
                ["PersonRegistered"] = 3, // two by RegisterPerson, one for the new employee M1
                ["PersonSyncedFromHr"] = 4, // created, updated, matched, left
                ["DepartmentChangedInHr"] = 1,
                ["PersonLeftInHr"] = 1,
                ["HrConflictRaised"] = 1,
            }, $"the events of {subsidiary}");
        }
    }

    [Fact]
    public async Task A_file_over_grpcs_default_4_MB_arrives_whole()
    {
        var subsidiary = await SubsidiaryAsync("HRB5");
        // 100 rows, each with a 50 KB column the import does not read: 5 MB in one message.
        var csv = "工号,姓名,备注\n" + string.Concat(Enumerable.Range(1, 100).Select(i => $"B{i:D4},员工{i},{new string('x', 50_000)}\n"));
        Encoding.UTF8.GetByteCount(csv).Should().BeGreaterThan(4 * 1024 * 1024);

        var preview = await ImportAsync(subsidiary.Id, csv, dryRun: true);

        preview.Counts["created"].Should().Be(100);
        preview.Results.Should().HaveCount(100);
    }

    [Fact]
    public async Task A_batch_the_database_refuses_is_applied_row_by_row_and_only_the_clashing_row_fails()
    {
        var subsidiary = await SubsidiaryAsync("HRB4");
        await RefuseAtInsertAsync("E000007");

        var applied = await ImportAsync(subsidiary.Id, Roster(20));

        applied.Results.Where(r => r.Outcome != "created").Select(r => (r.RowNumber, r.Outcome)).Should().Equal((8, "error"));
        applied.Results.Single(r => r.Outcome == "error").Message.Should().Contain("clashes");
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM people WHERE subsidiary_id = {0}", subsidiary.Id)).Should().Be(19, "the clashing row left no person behind");
        (await EventsAsync(subsidiary.Id)).Events["PersonSyncedFromHr"].Should().Be(19);
        (applied.Run.Created, applied.Run.Errors).Should().Be((19, 1));
    }

    [Fact]
    public async Task A_refused_batch_among_batches_written_two_at_a_time_is_redone_alone_and_the_others_stay_whole()
    {
        var subsidiary = await SubsidiaryAsync("HRB7");
        // A concurrent writer stands behind employee E002500 (batch 2 of 3): batch 2 is refused when written, while
        // batch 3 is being prepared beside it, and is redone record by record.
        await RefuseAtInsertAsync("E002500");
        var applied = await ImportAsync(subsidiary.Id, Roster(4_500));

        applied.Results.Where(r => r.Outcome != "created").Select(r => (r.RowNumber, r.Outcome)).Should().Equal((2_501, "error"));
        applied.Results.Select(r => r.RowNumber).Should().BeInAscendingOrder("the answer lists the rows in the file's order");
        (applied.Run.Created, applied.Run.Errors, applied.Run.Processed).Should().Be((4_499, 1, 4_500));
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM people WHERE subsidiary_id = {0}", subsidiary.Id)).Should().Be(4_499);
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM hr_users WHERE subsidiary_id = {0}", subsidiary.Id)).Should().Be(4_499);
        (await EventsAsync(subsidiary.Id)).Events["PersonRegistered"].Should().Be(4_499, "the refused batch's events went with it, and came back with its redone rows");
        var stored = await InDatabase(db => db.Set<Alliance.Organization.HrSync.HrSyncRunRow>().CountAsync(r => r.RunId == Guid.Parse(applied.Run.Id)));
        stored.Should().Be(4_500);
    }

    [Fact]
    public async Task An_employee_repeated_in_the_next_batch_is_found_there_though_the_batches_are_written_two_at_a_time()
    {
        var subsidiary = await SubsidiaryAsync("HRB6");
        // 4,002 rows in batches of 2,000, each prepared while the one before is written. Batch 2 repeats row 2's employee
        // by its externalId alone (a later time, another department): it shares a key with batch 1, so it waits for it;
        // prepared beside it, it would find nobody and register the employee twice (its userName is the externalId, so
        // no unique index stops that). Batch 3 repeats row 1's employee number: it shares no key with batch 2, is
        // prepared beside it, and finds what batch 1 committed.
        var rows = Enumerable.Range(1, 4_000).Select(i => $"E{i:D6},X{i:D6},员工{i},研发部,工程师,在职,2026-03-01 09:00\n").ToList();
        rows.Insert(2_001, ",X000002,员工2,财务部,会计,在职,2026-03-02 09:00\n");
        rows.Add("E000001,,员工1,市场部,经理,在职,2026-03-02 09:00\n");
        var csv = "工号,外部编号,姓名,部门,岗位,状态,更新时间\n" + string.Concat(rows);

        var applied = await ImportAsync(subsidiary.Id, csv);

        applied.Counts["created"].Should().Be(4_000);
        applied.Counts["updated"].Should().Be(2, "each repeated employee updates the one an earlier batch created");
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM people WHERE subsidiary_id = {0}", subsidiary.Id)).Should().Be(4_000);
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM hr_users WHERE subsidiary_id = {0}", subsidiary.Id)).Should().Be(4_000);
        var departments = await InDatabase(db => db.Set<Alliance.Organization.HrSync.HrUser>().AsNoTracking()
            .Where(u => u.SubsidiaryId == Guid.Parse(subsidiary.Id) && (u.EmployeeNumber == "E000001" || u.EmployeeNumber == "E000002"))
            .OrderBy(u => u.EmployeeNumber).Select(u => u.Department).ToListAsync());
        departments.Should().Equal("市场部", "财务部");
        (await EventsAsync(subsidiary.Id)).Events["DepartmentChangedInHr"].Should().Be(2);
    }
}
