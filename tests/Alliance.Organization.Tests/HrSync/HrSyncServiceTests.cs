using System.Security.Cryptography;
using System.Text;
using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Organization.Tests.HrSync;

/// <summary>HrSyncService as it runs, over gRPC, against a real PostgreSQL database and RabbitMQ.</summary>
public class HrSyncServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly Dictionary<string, string?> _configuration = new();

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("hrsync");
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

    static readonly string[] HrEvents = [nameof(PersonSyncedFromHr), nameof(PersonLeftInHr), nameof(DepartmentChangedInHr), nameof(PersonRegistered), nameof(PersonUpdated)];

    /// <summary>The short names of the events in the outbox that mention the id, oldest first.</summary>
    async Task<List<string>> EventsAbout(string id) => (await InDatabase(db => db.Database
        .SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body::text LIKE {0} ORDER BY created_at, id", $"%{id}%").ToListAsync()))
        .Select(type => HrEvents.FirstOrDefault(type.Contains) ?? type).ToList();

    Task<Subsidiary> SubsidiaryAsync(string code) => _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, GroupAdmin).ResponseAsync;

    static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try { await call(); return StatusCode.OK; }
        catch (RpcException e) { return e.StatusCode; }
    }

    static HrUserWrite Employee(string userName, string department, bool active = true) => new()
    {
        UserName = userName, ExternalId = "x-" + userName, EmployeeNumber = "N-" + userName, Active = active, DisplayName = "王五",
        Department = department, Title = "工程师", ScimJson = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}",
        Emails = { new HrEmail { Value = userName + "@example.com", Type = "work", Primary = true } },
    };

    [Fact]
    public async Task A_password_stored_before_issue_17_is_dropped_by_the_migration_and_the_rest_kept()
    {
        var subsidiary = await SubsidiaryAsync("HRPW");
        var hr = As(Roles.HrClient, subsidiary.Id);
        var withPassword = Employee("pwuser", "研发部");
        withPassword.ScimJson = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"password":"S3cret!","nickName":"小王"}""";
        var otherCase = Employee("pwuser2", "研发部");
        otherCase.ScimJson = """{"urn:ietf:params:scim:schemas:core:2.0:User:Password":"S3cret!","title":"工程师"}""";
        var user = await _host.Client<HrSyncService.HrSyncServiceClient>().CreateHrUserAsync(withPassword, hr).ResponseAsync;
        var other = await _host.Client<HrSyncService.HrSyncServiceClient>().CreateHrUserAsync(otherCase, hr).ResponseAsync;

        await InDatabase(db => db.Database.ExecuteSqlRawAsync(Alliance.Organization.Data.Migrations.HrUserPasswordsDropped.DropPasswords));

        var stored = await InDatabase(db => db.Database.SqlQueryRaw<string>(
            "SELECT scim_json::text AS \"Value\" FROM hr_users WHERE id = ANY({0}) ORDER BY user_name", new[] { Guid.Parse(user.Id), Guid.Parse(other.Id) }).ToListAsync());
        stored.Should().HaveCount(2).And.AllSatisfy(json => json.Should().NotContain("S3cret!").And.NotContainEquivalentOf("password"));
        stored[0].Should().Contain("小王").And.Contain("schemas");
        stored[1].Should().Contain("工程师");
    }

    [Fact]
    public async Task Provisioning_registers_a_person_and_changes_write_the_HR_events_without_touching_party_data()
    {
        var subsidiary = await SubsidiaryAsync("HR1");
        var hr = As(Roles.HrClient, subsidiary.Id);

        var user = await _host.Client<HrSyncService.HrSyncServiceClient>().CreateHrUserAsync(Employee("wangwu", "研发部"), hr).ResponseAsync;
        var person = await _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(new GetPersonRequest { Id = user.PersonId }, GroupAdmin).ResponseAsync;
        person.Name.Should().Be("王五");
        person.Kind.Should().Be(PersonKind.Employee);
        person.EmployeeNumber.Should().Be("N-wangwu");
        (await EventsAbout(user.Id)).Should().Equal(nameof(PersonSyncedFromHr));
        (await EventsAbout(user.PersonId)).Should().Contain(nameof(PersonRegistered));

        // Party data Alliance owns: a membership the HR sync must leave alone.
        var organization = await _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(new CreateOrganizationRequest { SubsidiaryId = subsidiary.Id, Name = "研发支部", Kind = OrganizationKind.Branch }, GroupAdmin).ResponseAsync;
        await _host.Client<PeopleService.PeopleServiceClient>().JoinPartyAsync(new JoinPartyRequest
            { PersonId = person.Id, OrganizationId = organization.Id, JoinedOn = "2020-07-01", Status = MembershipStatus.Full, ExpectedVersion = person.Version }, GroupAdmin).ResponseAsync;

        var moved = Employee("wangwu", "测试部", active: false);
        moved.Id = user.Id;
        moved.DisplayName = "王小五";
        moved.ExpectedVersion = user.Version;
        var replaced = await _host.Client<HrSyncService.HrSyncServiceClient>().ReplaceHrUserAsync(moved, hr).ResponseAsync;
        replaced.Version.Should().Be(user.Version + 1);
        (await EventsAbout(user.Id)).Should().BeEquivalentTo([nameof(PersonSyncedFromHr), nameof(PersonSyncedFromHr), nameof(PersonLeftInHr), nameof(DepartmentChangedInHr)]);
        (await EventsAbout(user.PersonId)).Should().Contain(nameof(PersonUpdated), "the person's name followed HR");
        var after = await _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(new GetPersonRequest { Id = user.PersonId }, GroupAdmin).ResponseAsync;
        after.Name.Should().Be("王小五");
        after.MembershipHistory.Should().ContainSingle().Which.OrganizationId.Should().Be(organization.Id);

        // A stale version is refused and nothing changes.
        (await StatusOf(() => _host.Client<HrSyncService.HrSyncServiceClient>().ReplaceHrUserAsync(moved, hr).ResponseAsync)).Should().Be(StatusCode.Aborted);
    }

    [Fact]
    public async Task Only_an_HR_client_reaches_HR_records_and_only_in_its_subsidiary()
    {
        var first = await SubsidiaryAsync("HR2");
        var second = await SubsidiaryAsync("HR3");
        var user = await _host.Client<HrSyncService.HrSyncServiceClient>().CreateHrUserAsync(Employee("zhaoliu", "财务部"), As(Roles.HrClient, first.Id)).ResponseAsync;
        (await StatusOf(() => _host.Client<HrSyncService.HrSyncServiceClient>().GetHrUserAsync(new GetHrResourceRequest { Id = user.Id }, GroupAdmin).ResponseAsync)).Should().Be(StatusCode.PermissionDenied);
        (await StatusOf(() => _host.Client<HrSyncService.HrSyncServiceClient>().GetHrUserAsync(new GetHrResourceRequest { Id = user.Id }, As(Roles.SubsidiaryAdmin, first.Id)).ResponseAsync)).Should().Be(StatusCode.PermissionDenied);
        (await StatusOf(() => _host.Client<HrSyncService.HrSyncServiceClient>().GetHrUserAsync(new GetHrResourceRequest { Id = user.Id }, As(Roles.HrClient, second.Id)).ResponseAsync)).Should().Be(StatusCode.NotFound);
        (await _host.Client<HrSyncService.HrSyncServiceClient>().GetHrUserAsync(new GetHrResourceRequest { Id = user.Id }, As(Roles.HrClient, first.Id)).ResponseAsync).UserName.Should().Be("zhaoliu");
    }

    [Fact]
    public async Task Filters_become_SQL_over_the_stored_columns_and_unknown_attributes_are_refused()
    {
        var subsidiary = await SubsidiaryAsync("HR4");
        var hr = As(Roles.HrClient, subsidiary.Id);
        var a = await _host.Client<HrSyncService.HrSyncServiceClient>().CreateHrUserAsync(Employee("alpha", "A部"), hr).ResponseAsync;
        await _host.Client<HrSyncService.HrSyncServiceClient>().CreateHrUserAsync(Employee("beta", "B部"), hr).ResponseAsync;
        static ScimFilter Compare(string attribute, string op, string? value = null)
        {
            var compare = new ScimComparison { Attribute = attribute, Operator = op };
            if (value is not null) compare.Value = value;
            return new ScimFilter { Compare = compare };
        }
        async Task<string[]> Ids(ScimFilter filter) => (await _host.Client<HrSyncService.HrSyncServiceClient>().ListHrUsersAsync(new ListHrResourcesRequest { Filter = filter, StartIndex = 1, Count = 10 }, hr).ResponseAsync).Items.Select(u => u.Id).ToArray();

        (await Ids(Compare("emails.value", "eq", "ALPHA@example.com"))).Should().Equal(a.Id);
        (await Ids(Compare("department", "co", "a"))).Should().Equal(a.Id);
        (await Ids(new ScimFilter { ValuePath = new ScimValuePath { Attribute = "emails", Filter = new ScimFilter { And = new ScimFilterList
            { Items = { Compare("type", "eq", "WORK"), Compare("value", "sw", "alp") } } } } })).Should().Equal(a.Id);
        (await Ids(new ScimFilter { Not = Compare("username", "eq", "beta") })).Should().Equal(a.Id);
        (await Ids(Compare("username", "co", "%"))).Should().BeEmpty("LIKE wildcards in values are escaped");
        (await StatusOf(() => Ids(Compare("nickname", "eq", "x")))).Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(() => Ids(Compare("meta.lastmodified", "gt", "not a date")))).Should().Be(StatusCode.InvalidArgument);
        (await StatusOf(() => Ids(Compare("active", "co", "true")))).Should().Be(StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task A_client_secret_is_stored_only_as_its_hash_and_stops_verifying_when_revoked()
    {
        var subsidiary = await SubsidiaryAsync("HR5");
        var created = await _host.Client<HrSyncService.HrSyncServiceClient>().CreateHrClientAsync(new CreateHrClientRequest { Name = "人事系统", SubsidiaryId = subsidiary.Id }, As(Roles.SubsidiaryAdmin, subsidiary.Id)).ResponseAsync;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Secret)));
        var stored = await InDatabase(db => db.Database.SqlQueryRaw<string>("SELECT secret_sha256 AS \"Value\" FROM hr_clients WHERE id = {0}", Guid.Parse(created.Client.Id)).SingleAsync());
        stored.Should().Be(hash).And.NotContain(created.Secret);

        var verified = await _host.Client<HrSyncService.HrSyncServiceClient>().VerifyHrClientAsync(new VerifyHrClientRequest { SecretSha256 = hash }, new CallOptions()).ResponseAsync;
        verified.SubsidiaryId.Should().Be(subsidiary.Id);
        (await StatusOf(() => _host.Client<HrSyncService.HrSyncServiceClient>().RevokeHrClientAsync(new RevokeHrClientRequest { Id = created.Client.Id }, As(Roles.Secretary, subsidiary.Id)).ResponseAsync))
            .Should().Be(StatusCode.PermissionDenied);
        await _host.Client<HrSyncService.HrSyncServiceClient>().RevokeHrClientAsync(new RevokeHrClientRequest { Id = created.Client.Id }, GroupAdmin).ResponseAsync;
        (await StatusOf(() => _host.Client<HrSyncService.HrSyncServiceClient>().VerifyHrClientAsync(new VerifyHrClientRequest { SecretSha256 = hash }, new CallOptions()).ResponseAsync))
            .Should().Be(StatusCode.NotFound);
    }
}
