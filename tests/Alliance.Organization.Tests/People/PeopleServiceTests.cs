using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;

namespace Alliance.Organization.Tests.People;

/// <summary>PeopleService as it runs, over gRPC, against a real PostgreSQL database and RabbitMQ.</summary>
public class PeopleServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly Dictionary<string, string?> _configuration = new();

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("people");
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

    Task<List<string>> EventsAbout(string id) => InDatabase(db => db.Database
        .SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body::text LIKE {0} ORDER BY created_at, id", $"%{id}%").ToListAsync());

    Task<Subsidiary> SubsidiaryAsync(string code) => _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, GroupAdmin).ResponseAsync;

    Task<ContractOrganization> BranchAsync(string subsidiaryId, string name = "支部") => _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(new CreateOrganizationRequest { SubsidiaryId = subsidiaryId, Name = name, Kind = OrganizationKind.Branch }, GroupAdmin).ResponseAsync;

    Task<Person> RegisterAsync(string subsidiaryId, string name = "张三", string? idNumber = null, string? phone = null, string? clientRequestId = null, string? managementPost = null) =>
        _host.Client<PeopleService.PeopleServiceClient>().RegisterPersonAsync(new RegisterPersonRequest
        {
            SubsidiaryId = subsidiaryId, Name = name, Kind = PersonKind.Employee,
            IdNumber = idNumber ?? "", Phone = phone ?? "", ClientRequestId = clientRequestId ?? "", ManagementPost = managementPost ?? "",
        }, GroupAdmin).ResponseAsync;

    Task<Person> JoinAsync(Person person, string organizationId, string joinedOn = "2020-07-01", MembershipStatus status = MembershipStatus.Full) =>
        _host.Client<PeopleService.PeopleServiceClient>().JoinPartyAsync(new JoinPartyRequest
            { PersonId = person.Id, OrganizationId = organizationId, JoinedOn = joinedOn, Status = status, ExpectedVersion = person.Version }, GroupAdmin).ResponseAsync;

    static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try { await call(); return StatusCode.OK; }
        catch (RpcException e) { return e.StatusCode; }
    }

    [Fact]
    public async Task Personal_data_is_stored_encrypted_and_the_registration_event_carries_none_of_it()
    {
        var subsidiary = await SubsidiaryAsync("PD1");
        var idNumber = TestIdNumbers.Next();

        var person = await RegisterAsync(subsidiary.Id, idNumber: idNumber, phone: "13812345678");

        person.IdNumber.Should().Be(idNumber);
        person.PersonalDataRevealed.Should().BeTrue();
        var raw = await InDatabase(db => db.Database.SqlQueryRaw<string>(
            "SELECT encode(id_number_cipher, 'escape') || ' ' || encode(phone_cipher, 'escape') || ' ' || id_number_hash AS \"Value\" FROM people WHERE id = {0}",
            Guid.Parse(person.Id)).SingleAsync());
        raw.Should().NotContain(idNumber).And.NotContain("13812345678");
        (await EventsAbout(person.Id)).Should().ContainSingle().Which.Should().Contain(nameof(Contracts.Events.PersonRegistered));
        var body = await InDatabase(db => db.Database.SqlQueryRaw<string>("SELECT body::text AS \"Value\" FROM outbox_messages WHERE body::text LIKE {0}", $"%{person.Id}%").SingleAsync());
        body.Should().NotContain(idNumber).And.NotContain("13812345678");
    }

    [Fact]
    public async Task The_events_of_a_change_leave_through_the_outbox_to_the_bus()
    {
        var subsidiary = await SubsidiaryAsync("OUTB1");
        var branch = await BranchAsync(subsidiary.Id);
        var person = await JoinAsync(await RegisterAsync(subsidiary.Id), branch.Id);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<string> pending;
        while ((pending = await InDatabase(db => db.Database.SqlQueryRaw<string>(
                   "SELECT message_type AS \"Value\" FROM outbox_messages WHERE body::text LIKE {0} AND dispatched_at IS NULL", $"%{person.Id}%").ToListAsync())).Count > 0
               && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        pending.Should().BeEmpty("the dispatcher publishes every outbox row");
        (await EventsAbout(person.Id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Members_see_masked_personal_data_and_the_subsidiary_admin_sees_it_in_clear()
    {
        var subsidiary = await SubsidiaryAsync("PD2");
        var idNumber = TestIdNumbers.Next();
        var person = await RegisterAsync(subsidiary.Id, idNumber: idNumber, phone: "13812345678");
        var get = new GetPersonRequest { Id = person.Id };

        var asMember = await _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(get, As(Roles.Member, subsidiary.Id)).ResponseAsync;
        var asSecretary = await _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(get, As(Roles.Secretary, subsidiary.Id)).ResponseAsync;
        var asAdmin = await _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(get, As(Roles.SubsidiaryAdmin, subsidiary.Id)).ResponseAsync;

        asMember.IdNumber.Should().Be(idNumber[..4] + "**********" + idNumber[^4..]);
        asMember.Phone.Should().Be("138****5678");
        asMember.PersonalDataRevealed.Should().BeFalse();
        asSecretary.Phone.Should().Be("138****5678");
        asAdmin.IdNumber.Should().Be(idNumber);
        asAdmin.Phone.Should().Be("13812345678");
    }

    [Fact]
    public async Task Joining_transferring_and_becoming_full_are_kept_as_history_with_an_event_each()
    {
        var subsidiary = await SubsidiaryAsync("HIS1");
        var first = await BranchAsync(subsidiary.Id, "第一支部");
        var second = await BranchAsync(subsidiary.Id, "第二支部");
        var person = await RegisterAsync(subsidiary.Id);

        person = await JoinAsync(person, first.Id, "2024-07-01", MembershipStatus.Probationary);
        person = await _host.Client<PeopleService.PeopleServiceClient>().TransferMemberAsync(new TransferMemberRequest { PersonId = person.Id, ToOrganizationId = second.Id, TransferredOn = "2025-03-01", ExpectedVersion = person.Version }, GroupAdmin).ResponseAsync;
        await _host.Client<PeopleService.PeopleServiceClient>().ChangeMemberStatusAsync(new ChangeMemberStatusRequest { PersonId = person.Id, Status = MembershipStatus.Full, ChangedOn = "2025-07-01", ExpectedVersion = person.Version }, GroupAdmin).ResponseAsync;

        var stored = await _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(new GetPersonRequest { Id = person.Id }, GroupAdmin).ResponseAsync;
        stored.MembershipHistory.Select(m => (m.OrganizationId, m.Status, m.From, m.HasTo ? m.To : null)).Should().Equal(
            (first.Id, MembershipStatus.Probationary, "2024-07-01", "2025-03-01"),
            (second.Id, MembershipStatus.Probationary, "2025-03-01", "2025-07-01"),
            (second.Id, MembershipStatus.Full, "2025-07-01", null));
        stored.Membership.Status.Should().Be(MembershipStatus.Full);
        stored.Version.Should().Be(4);
        (await EventsAbout(person.Id)).Select(t => t.Split(',')[0].Split('.')[^1]).Should().Equal(
            "PersonRegistered", "MemberJoined", "MemberTransferred", "MemberStatusChanged");
    }

    [Fact]
    public async Task A_transfer_out_announces_each_role_it_ends()
    {
        var subsidiary = await SubsidiaryAsync("TRO1");
        var branch = await BranchAsync(subsidiary.Id);
        var person = await JoinAsync(await RegisterAsync(subsidiary.Id, "书记丁"), branch.Id);
        person = await _host.Client<PeopleService.PeopleServiceClient>().AssignRoleAsync(new AssignRoleRequest
            { PersonId = person.Id, OrganizationId = branch.Id, Role = OrganizationRoleKind.Secretary, StartsOn = "2024-01-01", ExpectedVersion = person.Version }, GroupAdmin).ResponseAsync;
        person = await _host.Client<PeopleService.PeopleServiceClient>().AssignRoleAsync(new AssignRoleRequest
            { PersonId = person.Id, OrganizationId = branch.Id, Role = OrganizationRoleKind.CommitteeMember, StartsOn = "2023-01-01", EndsOn = "2023-12-31", ExpectedVersion = person.Version }, GroupAdmin).ResponseAsync;

        person = await _host.Client<PeopleService.PeopleServiceClient>().ChangeMemberStatusAsync(new ChangeMemberStatusRequest { PersonId = person.Id, Status = MembershipStatus.TransferredOut, ChangedOn = "2025-06-30", ExpectedVersion = person.Version }, GroupAdmin).ResponseAsync;

        person.Roles.Single(r => r.Role == OrganizationRoleKind.Secretary).EndsOn.Should().Be("2025-06-30");
        // Only the role the transfer ended is announced; the one that had already ended is not.
        (await EventsAbout(person.Id)).Select(t => t.Split(',')[0].Split('.')[^1]).Should().EndWith(["MemberStatusChanged", "RoleEnded"])
            .And.ContainSingle(t => t == "RoleEnded");
    }

    [Fact]
    public async Task Roles_with_dates_are_assigned_and_ended_and_a_second_secretary_at_the_same_time_is_refused()
    {
        var subsidiary = await SubsidiaryAsync("ROL1");
        var branch = await BranchAsync(subsidiary.Id);
        var secretary = await JoinAsync(await RegisterAsync(subsidiary.Id, "书记甲", managementPost: "副总经理"), branch.Id);
        var other = await JoinAsync(await RegisterAsync(subsidiary.Id, "委员乙"), branch.Id);

        secretary = await _host.Client<PeopleService.PeopleServiceClient>().AssignRoleAsync(new AssignRoleRequest
            { PersonId = secretary.Id, OrganizationId = branch.Id, Role = OrganizationRoleKind.Secretary, StartsOn = "2024-01-01", ExpectedVersion = secretary.Version }, GroupAdmin).ResponseAsync;
        var second = await StatusOf(() => _host.Client<PeopleService.PeopleServiceClient>().AssignRoleAsync(new AssignRoleRequest
            { PersonId = other.Id, OrganizationId = branch.Id, Role = OrganizationRoleKind.Secretary, StartsOn = "2025-01-01" }, GroupAdmin).ResponseAsync);
        var ended = await _host.Client<PeopleService.PeopleServiceClient>().EndRoleAsync(new EndRoleRequest
            { PersonId = secretary.Id, RoleId = secretary.Roles[0].Id, EndsOn = "2024-12-31", ExpectedVersion = secretary.Version }, GroupAdmin).ResponseAsync;
        var successor = await _host.Client<PeopleService.PeopleServiceClient>().AssignRoleAsync(new AssignRoleRequest
            { PersonId = other.Id, OrganizationId = branch.Id, Role = OrganizationRoleKind.Secretary, StartsOn = "2025-01-01" }, GroupAdmin).ResponseAsync;

        secretary.CrossAppointed.Should().BeTrue();
        second.Should().Be(StatusCode.FailedPrecondition);
        ended.Roles.Single().EndsOn.Should().Be("2024-12-31");
        ended.CrossAppointed.Should().BeFalse();
        successor.Roles.Single().StartsOn.Should().Be("2025-01-01");
        (await EventsAbout(secretary.Id)).Should().Contain(t => t.Contains("RoleAssigned")).And.Contain(t => t.Contains("RoleEnded"));
    }

    [Fact]
    public async Task Six_people_made_secretary_of_one_branch_at_once_leave_exactly_one_secretary()
    {
        var subsidiary = await SubsidiaryAsync("ROL2");
        var branch = await BranchAsync(subsidiary.Id);
        var candidates = new List<Person>();
        for (var i = 0; i < 6; i++) candidates.Add(await JoinAsync(await RegisterAsync(subsidiary.Id, "候选" + i), branch.Id));

        var outcomes = await Task.WhenAll(candidates.Select(c => StatusOf(() => _host.Client<PeopleService.PeopleServiceClient>().AssignRoleAsync(new AssignRoleRequest
            { PersonId = c.Id, OrganizationId = branch.Id, Role = OrganizationRoleKind.Secretary, StartsOn = "2025-03-01" }, GroupAdmin).ResponseAsync)));

        outcomes.Count(o => o == StatusCode.OK).Should().Be(1);
        outcomes.Where(o => o != StatusCode.OK).Should().AllBeEquivalentTo(StatusCode.FailedPrecondition);
        var secretaries = await InDatabase(db => db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM organization_roles WHERE organization_id = {0} AND role = 'Secretary'", Guid.Parse(branch.Id)).SingleAsync());
        secretaries.Should().Be(1);
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_secretary_in_an_overlapping_period()
    {
        var subsidiary = await SubsidiaryAsync("ROL3");
        var branch = await BranchAsync(subsidiary.Id);
        var first = await JoinAsync(await RegisterAsync(subsidiary.Id, "书记丙"), branch.Id);
        var second = await JoinAsync(await RegisterAsync(subsidiary.Id, "委员丁"), branch.Id);
        await _host.Client<PeopleService.PeopleServiceClient>().AssignRoleAsync(new AssignRoleRequest
            { PersonId = first.Id, OrganizationId = branch.Id, Role = OrganizationRoleKind.Secretary, StartsOn = "2024-01-01", EndsOn = "2024-12-31" }, GroupAdmin).ResponseAsync;

        const string insert = "INSERT INTO organization_roles (id, person_id, organization_id, role, starts_on, ends_on) VALUES ({0}, {1}, {2}, {3}, {4}, NULL)";
        async Task<string?> InsertAsync(string role, DateOnly startsOn)
        {
            try
            {
                await InDatabase(db => db.Database.ExecuteSqlRawAsync(insert, Guid.NewGuid(), Guid.Parse(second.Id), Guid.Parse(branch.Id), role, startsOn));
                return null;
            }
            catch (Npgsql.PostgresException e) { return e.ConstraintName; }
        }

        (await InsertAsync("Secretary", new DateOnly(2024, 12, 31))).Should().Be("ex_organization_roles_one_secretary", "the last day of the first term overlaps");
        (await InsertAsync("DeputySecretary", new DateOnly(2024, 6, 1))).Should().BeNull("only secretaries are exclusive");
        (await InsertAsync("Secretary", new DateOnly(2025, 1, 1))).Should().BeNull("the next term starts the day after");
    }

    [Fact]
    public async Task Two_edits_from_the_same_version_one_wins_and_the_other_is_ABORTED()
    {
        var subsidiary = await SubsidiaryAsync("CON2");
        var person = await RegisterAsync(subsidiary.Id, "原名");

        var outcomes = await Task.WhenAll(new[] { "甲", "乙" }.Select(name => StatusOf(() => _host.Client<PeopleService.PeopleServiceClient>().UpdatePersonAsync(new UpdatePersonRequest { Id = person.Id, Name = name, ExpectedVersion = person.Version }, GroupAdmin).ResponseAsync))); 

        outcomes.Should().BeEquivalentTo([StatusCode.OK, StatusCode.Aborted]);
        var stored = await _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(new GetPersonRequest { Id = person.Id }, GroupAdmin).ResponseAsync;
        stored.Version.Should().Be(2);
        (await EventsAbout(person.Id)).Count(t => t.Contains("PersonUpdated")).Should().Be(1);
    }

    [Fact]
    public async Task A_repeated_registration_with_the_same_client_request_id_returns_the_first_person()
    {
        var subsidiary = await SubsidiaryAsync("IDEM1");
        var first = await RegisterAsync(subsidiary.Id, clientRequestId: "req-1");
        var again = await RegisterAsync(subsidiary.Id, clientRequestId: "req-1");

        again.Id.Should().Be(first.Id);
        (await InDatabase(db => db.Set<Organization.People.Person>().CountAsync(p => p.SubsidiaryId == Guid.Parse(subsidiary.Id)))).Should().Be(1);
    }

    [Fact]
    public async Task The_same_ID_number_twice_in_a_subsidiary_is_ALREADY_EXISTS()
    {
        var subsidiary = await SubsidiaryAsync("DUP2");
        var idNumber = TestIdNumbers.Next();
        await RegisterAsync(subsidiary.Id, idNumber: idNumber);

        var act = () => RegisterAsync(subsidiary.Id, "另一人", idNumber: idNumber.ToLowerInvariant());

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.AlreadyExists);
    }

    [Fact]
    public async Task A_subsidiary_admin_can_neither_see_nor_change_another_subsidiarys_people()
    {
        var a = await SubsidiaryAsync("TA1");
        var b = await SubsidiaryAsync("TB1");
        var bPerson = await RegisterAsync(b.Id, "乙方人员");
        var adminOfA = As(Roles.SubsidiaryAdmin, a.Id);

        var get = await StatusOf(() => _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(new GetPersonRequest { Id = bPerson.Id }, adminOfA).ResponseAsync);
        var list = await StatusOf(() => _host.Client<PeopleService.PeopleServiceClient>().ListPeopleAsync(new ListPeopleRequest { SubsidiaryId = b.Id }, adminOfA).ResponseAsync);
        var update = await StatusOf(() => _host.Client<PeopleService.PeopleServiceClient>().UpdatePersonAsync(new UpdatePersonRequest { Id = bPerson.Id, Name = "改名" }, adminOfA).ResponseAsync);
        var register = await StatusOf(() => _host.Client<PeopleService.PeopleServiceClient>().RegisterPersonAsync(new RegisterPersonRequest { SubsidiaryId = b.Id, Name = "渗透", Kind = PersonKind.External }, adminOfA).ResponseAsync);

        new[] { get, list, update, register }.Should().OnlyContain(s => s == StatusCode.NotFound);
        var stored = await _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(new GetPersonRequest { Id = bPerson.Id }, GroupAdmin).ResponseAsync;
        stored.Name.Should().Be("乙方人员");
        stored.Version.Should().Be(1);
    }

    [Fact]
    public async Task Joining_an_organization_of_another_subsidiary_is_NOT_FOUND_and_writes_nothing()
    {
        var a = await SubsidiaryAsync("TA2");
        var b = await SubsidiaryAsync("TB2");
        var foreignBranch = await BranchAsync(b.Id);
        var person = await RegisterAsync(a.Id);

        var outcome = await StatusOf(() => JoinAsync(person, foreignBranch.Id));

        outcome.Should().Be(StatusCode.NotFound);
        (await _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(new GetPersonRequest { Id = person.Id }, GroupAdmin).ResponseAsync).Version.Should().Be(1);
        (await EventsAbout(person.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task People_are_listed_by_organization_status_and_name_sorted_and_paged()
    {
        var subsidiary = await SubsidiaryAsync("LIST1");
        var branch = await BranchAsync(subsidiary.Id);
        foreach (var name in new[] { "王一", "王二", "李三" })
            await JoinAsync(await RegisterAsync(subsidiary.Id, name), branch.Id, status: name == "王二" ? MembershipStatus.Probationary : MembershipStatus.Full);
        await RegisterAsync(subsidiary.Id, "王四"); // not a member

        ListPeopleRequest Query() => new() { SubsidiaryId = subsidiary.Id, PageSize = 10 };
        var inBranch = await _host.Client<PeopleService.PeopleServiceClient>().ListPeopleAsync(Query().Also(q => q.OrganizationId = branch.Id), GroupAdmin).ResponseAsync;
        var probationary = await _host.Client<PeopleService.PeopleServiceClient>().ListPeopleAsync(Query().Also(q => q.Status = MembershipStatus.Probationary), GroupAdmin).ResponseAsync;
        var wangs = await _host.Client<PeopleService.PeopleServiceClient>().ListPeopleAsync(Query().Also(q => { q.Search = "王"; q.Sort = "-createdAt"; q.PageSize = 2; }), GroupAdmin).ResponseAsync;

        inBranch.Total.Should().Be(3);
        probationary.Items.Select(p => p.Name).Should().Equal("王二");
        wangs.Total.Should().Be(3);
        wangs.Items.Select(p => p.Name).Should().Equal("王四", "王二");
    }
}

static class RequestExtensions
{
    public static T Also<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }
}
