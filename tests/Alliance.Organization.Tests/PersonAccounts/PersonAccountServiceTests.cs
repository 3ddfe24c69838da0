using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StoredAccount = Alliance.Organization.PersonAccounts.PersonAccount;

namespace Alliance.Organization.Tests.PersonAccounts;

/// <summary>
/// Sign-in names linked to people (ADR 39), over gRPC against real PostgreSQL: one active link per name and per person,
/// only administrators of the person's subsidiary link, and a user is their linked person (or the employee an HR system
/// provisioned under their name) only inside their own subsidiary.
/// </summary>
public class PersonAccountServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly Dictionary<string, string?> _configuration = new();

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("personaccounts");
        _host = await ServiceHost.StartAsync(_configuration, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, string? tenant = null, string user = "tester")
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, AllianceMetadata.EncodeText(user) } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant);
        return new CallOptions(metadata);
    }

    static readonly CallOptions GroupAdmin = As(Roles.GroupAdmin);
    PersonAccountService.PersonAccountServiceClient Accounts => _host.Client<PersonAccountService.PersonAccountServiceClient>();

    async Task<(Subsidiary Subsidiary, Contracts.Organization.V1.Organization Branch)> SubsidiaryWithBranchAsync(string code)
    {
        var subsidiary = await _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, GroupAdmin).ResponseAsync;
        var branch = await _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(new CreateOrganizationRequest { SubsidiaryId = subsidiary.Id, Name = code + "支部", Kind = OrganizationKind.Branch }, GroupAdmin).ResponseAsync;
        return (subsidiary, branch);
    }

    async Task<Person> PersonAsync(string subsidiaryId, string name, string? branchId = null)
    {
        var people = _host.Client<PeopleService.PeopleServiceClient>();
        var person = await people.RegisterPersonAsync(new RegisterPersonRequest { SubsidiaryId = subsidiaryId, Name = name, Kind = PersonKind.Employee, EmployeeNumber = "E" + Guid.NewGuid().ToString("N")[..8] }, GroupAdmin).ResponseAsync;
        if (branchId is not null)
            person = await people.JoinPartyAsync(new JoinPartyRequest { PersonId = person.Id, OrganizationId = branchId, JoinedOn = "2020-07-01", Status = MembershipStatus.Full, ExpectedVersion = person.Version }, GroupAdmin).ResponseAsync;
        return person;
    }

    Task<PersonAccount> LinkAsync(string personId, string userName, CallOptions? options = null, string clientRequestId = "") =>
        Accounts.LinkPersonAccountAsync(new LinkPersonAccountRequest { PersonId = personId, UserName = userName, ClientRequestId = clientRequestId }, options ?? GroupAdmin).ResponseAsync;

    static async Task<RpcException> Refused(Func<Task> call) => (await FluentActions.Awaiting(call).Should().ThrowAsync<RpcException>()).Which;

    async Task<int> ActiveLinksAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrganizationDbContext>().Set<StoredAccount>().CountAsync(a => a.UnlinkedAt == null);
    }

    [Fact]
    public async Task A_linked_user_is_their_person_with_the_current_branch_only_inside_their_subsidiary()
    {
        var (subsidiary, branch) = await SubsidiaryWithBranchAsync("PAC1");
        var (other, _) = await SubsidiaryWithBranchAsync("PAC2");
        var person = await PersonAsync(subsidiary.Id, "李娜", branch.Id);
        var admin = As(Roles.SubsidiaryAdmin, subsidiary.Id, "admin-pac1");

        var account = await LinkAsync(person.Id, "lina", admin);
        account.PersonName.Should().Be("李娜");
        account.SubsidiaryId.Should().Be(subsidiary.Id);
        account.LinkedBy.Should().Be("admin-pac1");

        var me = await Accounts.GetMyPersonAsync(new GetMyPersonRequest(), As(Roles.Member, subsidiary.Id, "lina")).ResponseAsync;
        (me.PersonId, me.Name, me.OrganizationId, me.OrganizationName).Should().Be((person.Id, "李娜", branch.Id, branch.Name));
        // The same name with another subsidiary in the token is nobody there; an unlinked name is nobody.
        (await Refused(() => Accounts.GetMyPersonAsync(new GetMyPersonRequest(), As(Roles.Member, other.Id, "lina")).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Accounts.GetMyPersonAsync(new GetMyPersonRequest(), As(Roles.Member, subsidiary.Id, "nobody")).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task A_name_and_a_person_have_one_active_link_and_unlinking_frees_both_keeping_the_row()
    {
        var (subsidiary, _) = await SubsidiaryWithBranchAsync("PAC3");
        var first = await PersonAsync(subsidiary.Id, "张伟");
        var second = await PersonAsync(subsidiary.Id, "王芳");
        var account = await LinkAsync(first.Id, "zhangwei", clientRequestId: "link-1");
        (await LinkAsync(first.Id, "zhangwei", clientRequestId: "link-1")).Id.Should().Be(account.Id, "a retry answers the first link");

        var taken = await Refused(() => LinkAsync(second.Id, "zhangwei"));
        taken.StatusCode.Should().Be(StatusCode.AlreadyExists);
        FieldErrors.From(taken)["userName"].Should().Equal("is linked to a person already; unlink it first.");
        (await Refused(() => LinkAsync(first.Id, "zw2"))).StatusCode.Should().Be(StatusCode.AlreadyExists);
        var before = await ActiveLinksAsync();

        var unlinked = await Accounts.UnlinkPersonAccountAsync(new UnlinkPersonAccountRequest { Id = account.Id }, GroupAdmin).ResponseAsync;
        unlinked.UnlinkedAt.Should().NotBeNull();
        (await Refused(() => Accounts.UnlinkPersonAccountAsync(new UnlinkPersonAccountRequest { Id = account.Id }, GroupAdmin).ResponseAsync)).StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await ActiveLinksAsync()).Should().Be(before - 1);
        (await LinkAsync(second.Id, "zhangwei")).PersonId.Should().Be(second.Id);

        var all = await Accounts.ListPersonAccountsAsync(new ListPersonAccountsRequest { SubsidiaryId = subsidiary.Id, IncludeUnlinked = true }, GroupAdmin).ResponseAsync;
        all.Items.Select(a => (a.PersonName, a.UnlinkedAt is null)).Should().BeEquivalentTo([("张伟", false), ("王芳", true)]);
        var active = await Accounts.ListPersonAccountsAsync(new ListPersonAccountsRequest { SubsidiaryId = subsidiary.Id, Search = "王" }, GroupAdmin).ResponseAsync;
        active.Items.Should().ContainSingle().Which.UserName.Should().Be("zhangwei");
    }

    [Fact]
    public async Task Only_administrators_of_the_persons_subsidiary_link_and_bad_input_writes_nothing()
    {
        var (subsidiary, _) = await SubsidiaryWithBranchAsync("PAC4");
        var (other, _) = await SubsidiaryWithBranchAsync("PAC5");
        var person = await PersonAsync(subsidiary.Id, "赵磊");
        var before = await ActiveLinksAsync();

        (await Refused(() => LinkAsync(person.Id, "zhaolei", As(Roles.Secretary, subsidiary.Id)))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => LinkAsync(person.Id, "zhaolei", As(Roles.SubsidiaryAdmin, other.Id)))).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => LinkAsync(person.Id, "zhao lei"))).StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await Refused(() => LinkAsync(person.Id, ""))).StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await Refused(() => LinkAsync("not-a-guid", "zhaolei"))).StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await Refused(() => LinkAsync(Guid.NewGuid().ToString(), "zhaolei"))).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Accounts.ListPersonAccountsAsync(new ListPersonAccountsRequest { SubsidiaryId = subsidiary.Id }, As(Roles.SubsidiaryAdmin, other.Id)).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound);
        (await ActiveLinksAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_employee_provisioned_by_scim_is_their_person_by_the_hr_user_name_until_deleted_and_a_link_wins()
    {
        var (subsidiary, _) = await SubsidiaryWithBranchAsync("PAC6");
        var hr = _host.Client<HrSyncService.HrSyncServiceClient>();
        var user = await hr.CreateHrUserAsync(new HrUserWrite
        {
            UserName = "Chen.Jing", ExternalId = "x-chen", EmployeeNumber = "N-chen", Active = true, DisplayName = "陈静", Department = "研发部",
            ScimJson = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}",
        }, As(Roles.HrClient, subsidiary.Id)).ResponseAsync;

        var me = await Accounts.GetMyPersonAsync(new GetMyPersonRequest(), As(Roles.Member, subsidiary.Id, "chen.jing")).ResponseAsync;
        me.PersonId.Should().Be(user.PersonId, "SCIM user names are case-insensitive");
        me.OrganizationId.Should().BeEmpty("the employee is not a party member");

        var linked = await PersonAsync(subsidiary.Id, "陈静二");
        await LinkAsync(linked.Id, "chen.jing");
        (await Accounts.GetMyPersonAsync(new GetMyPersonRequest(), As(Roles.Member, subsidiary.Id, "chen.jing")).ResponseAsync).PersonId.Should().Be(linked.Id);

        await hr.DeleteHrUserAsync(new DeleteHrResourceRequest { Id = user.Id }, As(Roles.HrClient, subsidiary.Id)).ResponseAsync;
        (await Refused(() => Accounts.GetMyPersonAsync(new GetMyPersonRequest(), As(Roles.Member, subsidiary.Id, "Chen.Jing")).ResponseAsync)).StatusCode
            .Should().Be(StatusCode.NotFound, "the deleted HR user no longer names a person and 'Chen.Jing' is not the linked name");
    }
}
