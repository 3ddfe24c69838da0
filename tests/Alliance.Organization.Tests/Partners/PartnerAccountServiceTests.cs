using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using StoredAccount = Alliance.Organization.Partners.PartnerAccount;
using Alliance.Organization.Tests.Persistence;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Organization.Tests.Partners;

/// <summary>
/// Partner accounts and what a partner reaches, over gRPC against real PostgreSQL: the alliances of their unit and
/// nothing else (every method not opened to partners refuses them before it runs).
/// </summary>
public class PartnerAccountServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new();

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("partners");
        _host = await ServiceHost.StartAsync(_configuration,
            b => { b.AddApplicationServices(); b.Services.AddSingleton<TimeProvider>(_clock); },
            a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, string? tenant = null, string user = "tester")
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, AllianceMetadata.EncodeText(user) } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant);
        return new CallOptions(metadata);
    }

    static readonly CallOptions GroupAdmin = As(Roles.GroupAdmin);
    static CallOptions Partner(string user) => As(Roles.Partner, user: user);

    AllianceService.AllianceServiceClient Alliances => _host.Client<AllianceService.AllianceServiceClient>();
    PartnerAccountService.PartnerAccountServiceClient Accounts => _host.Client<PartnerAccountService.PartnerAccountServiceClient>();

    async Task<(Subsidiary Subsidiary, Contracts.Organization.V1.Organization Committee)> SubsidiaryWithCommitteeAsync(string code)
    {
        var subsidiary = await _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, GroupAdmin).ResponseAsync;
        var committee = await _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(new CreateOrganizationRequest { SubsidiaryId = subsidiary.Id, Name = code + "党委", Kind = OrganizationKind.Committee }, GroupAdmin).ResponseAsync;
        return (subsidiary, committee);
    }

    async Task<PartyAlliance> AllianceWithAsync(string leadOrganizationId, string name, params Unit[] units)
    {
        var alliance = await Alliances.FormAllianceAsync(new FormAllianceRequest
        {
            Name = name, Theme = "城市服务", LeadOrganizationId = leadOrganizationId, Plan = "联学联建", FormedOn = "2026-01-01",
        }, GroupAdmin).ResponseAsync;
        foreach (var unit in units)
            alliance = await Alliances.JoinAllianceAsync(new JoinAllianceRequest { AllianceId = alliance.Id, Unit = unit, JoinedOn = "2026-02-01", ExpectedVersion = alliance.Version }, GroupAdmin).ResponseAsync;
        return alliance;
    }

    static Unit External(ExternalUnitKind kind, string name) => new() { External = new ExternalUnit { Kind = kind, Name = name, ContactName = "王经理", ContactPhone = "138" } };

    static string ExternalUnitId(PartyAlliance alliance, string name) => alliance.Members.Single(m => m.Name == name).Id;

    Task<PartnerAccount> CreateAsync(PartyAlliance alliance, string unitName, string userName, CallOptions? options = null, string clientRequestId = "") =>
        Accounts.CreatePartnerAccountAsync(new CreatePartnerAccountRequest
        {
            AllianceId = alliance.Id, MemberUnitId = ExternalUnitId(alliance, unitName), UserName = userName, DisplayName = "王经理", Phone = "13800000000",
            ClientRequestId = clientRequestId,
        }, options ?? GroupAdmin).ResponseAsync;

    [Fact]
    public async Task A_partner_sees_every_alliance_of_their_unit_and_no_other()
    {
        var (_, lead) = await SubsidiaryWithCommitteeAsync("PA1");
        var first = await AllianceWithAsync(lead.Id, "金融服务联盟", External(ExternalUnitKind.Bank, "浦发银行陆家嘴支行"));
        var second = await AllianceWithAsync(lead.Id, "社区治理联盟", External(ExternalUnitKind.Bank, "浦发银行陆家嘴支行"), External(ExternalUnitKind.Community, "梅园社区"));
        var other = await AllianceWithAsync(lead.Id, "其他联盟", External(ExternalUnitKind.Community, "梅园社区"));

        var account = await CreateAsync(first, "浦发银行陆家嘴支行", "wang.bank");

        account.AllianceIds.Should().BeEquivalentTo([first.Id, second.Id]);
        var seen = await Alliances.ListAlliancesAsync(new ListAlliancesRequest(), Partner("wang.bank"));
        seen.Items.Select(a => a.Id).Should().BeEquivalentTo([first.Id, second.Id]);
        seen.Total.Should().Be(2);
        (await Alliances.GetAllianceAsync(new GetAllianceRequest { Id = second.Id }, Partner("wang.bank"))).Name.Should().Be("社区治理联盟");
        var getOther = async () => await Alliances.GetAllianceAsync(new GetAllianceRequest { Id = other.Id }, Partner("wang.bank")).ResponseAsync;
        (await getOther.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        var mine = await Accounts.GetMyPartnerAccountAsync(new GetMyPartnerAccountRequest(), Partner("wang.bank"));
        mine.Id.Should().Be(account.Id);
        mine.UnitName.Should().Be("浦发银行陆家嘴支行");
    }

    [Fact]
    public async Task A_partner_without_an_account_or_whose_unit_left_sees_nothing()
    {
        var (_, lead) = await SubsidiaryWithCommitteeAsync("PA2");
        var alliance = await AllianceWithAsync(lead.Id, "退出联盟", External(ExternalUnitKind.GovernmentOffice, "陆家嘴街道"));
        await CreateAsync(alliance, "陆家嘴街道", "li.office");

        (await Alliances.ListAlliancesAsync(new ListAlliancesRequest(), Partner("nobody"))).Items.Should().BeEmpty();
        var mine = async () => await Accounts.GetMyPartnerAccountAsync(new GetMyPartnerAccountRequest(), Partner("nobody")).ResponseAsync;
        (await mine.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);

        await Alliances.LeaveAllianceAsync(new LeaveAllianceRequest { AllianceId = alliance.Id, MemberUnitId = ExternalUnitId(alliance, "陆家嘴街道"), LeftOn = "2026-02-20", ExpectedVersion = alliance.Version }, GroupAdmin);

        (await Alliances.ListAlliancesAsync(new ListAlliancesRequest(), Partner("li.office"))).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_partner_is_refused_by_every_method_not_opened_to_partners()
    {
        var (subsidiary, committee) = await SubsidiaryWithCommitteeAsync("PA3");
        var alliance = await AllianceWithAsync(committee.Id, "拒绝联盟", External(ExternalUnitKind.School, "华东师大"));
        await CreateAsync(alliance, "华东师大", "zhao.school");
        var partner = Partner("zhao.school");

        var calls = new Func<Task>[]
        {
            async () => await _host.Client<OrganizationService.OrganizationServiceClient>().GetOrganizationAsync(new GetOrganizationRequest { Id = committee.Id }, partner),
            async () => await _host.Client<SubsidiaryService.SubsidiaryServiceClient>().ListSubsidiariesAsync(new ListSubsidiariesRequest(), partner),
            async () => await _host.Client<PeopleService.PeopleServiceClient>().ListPeopleAsync(new ListPeopleRequest { SubsidiaryId = subsidiary.Id }, partner),
            async () => await Alliances.ReviseAllianceAsync(new ReviseAllianceRequest { Id = alliance.Id, Name = "改名", Theme = "城市服务", ExpectedVersion = alliance.Version }, partner),
            async () => await Accounts.ListPartnerAccountsAsync(new ListPartnerAccountsRequest(), partner),
        };
        foreach (var call in calls)
            (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Only_an_administrator_of_the_lead_subsidiary_gives_accounts_and_only_to_current_external_units()
    {
        var (leadSubsidiary, lead) = await SubsidiaryWithCommitteeAsync("PA4");
        var (memberSubsidiary, member) = await SubsidiaryWithCommitteeAsync("PA5");
        var alliance = await AllianceWithAsync(lead.Id, "授权联盟", External(ExternalUnitKind.Enterprise, "临港集团"), new Unit { OrganizationId = member.Id });
        var count = await InDatabase(db => db.Set<StoredAccount>().CountAsync());

        var byMemberAdmin = async () => await CreateAsync(alliance, "临港集团", "a1", As(Roles.SubsidiaryAdmin, memberSubsidiary.Id));
        var bySecretary = async () => await CreateAsync(alliance, "临港集团", "a2", As(Roles.Secretary, leadSubsidiary.Id));
        var forInternal = async () => await CreateAsync(alliance, member.Name, "a3");
        var withSpaces = async () => await CreateAsync(alliance, "临港集团", "a b");

        (await byMemberAdmin.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await bySecretary.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await forInternal.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await withSpaces.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await InDatabase(db => db.Set<StoredAccount>().CountAsync())).Should().Be(count, "nothing was written");

        var created = await CreateAsync(alliance, "临港集团", "chen.lingang", As(Roles.SubsidiaryAdmin, leadSubsidiary.Id));
        created.CreatedBy.Should().Be("tester");
        var listed = await Accounts.ListPartnerAccountsAsync(new ListPartnerAccountsRequest { AllianceId = alliance.Id }, As(Roles.SubsidiaryAdmin, memberSubsidiary.Id));
        listed.Items.Should().ContainSingle().Which.UserName.Should().Be("chen.lingang");
    }

    [Fact]
    public async Task A_user_name_has_one_active_account_a_retry_returns_it_and_a_revoked_account_reaches_nothing()
    {
        var (_, lead) = await SubsidiaryWithCommitteeAsync("PA6");
        var alliance = await AllianceWithAsync(lead.Id, "撤销联盟", External(ExternalUnitKind.Bank, "农业银行"), External(ExternalUnitKind.Bank, "工商银行"));

        var first = await CreateAsync(alliance, "农业银行", "sun.bank", clientRequestId: "req-1");
        var retry = await CreateAsync(alliance, "农业银行", "sun.bank", clientRequestId: "req-1");
        var duplicate = async () => await CreateAsync(alliance, "工商银行", "sun.bank");

        retry.Id.Should().Be(first.Id);
        (await duplicate.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.AlreadyExists);

        var revoked = await Accounts.RevokePartnerAccountAsync(new RevokePartnerAccountRequest { Id = first.Id, Reason = "调岗" }, GroupAdmin);
        revoked.RevokedAt.Should().NotBeNull();
        revoked.RevokeReason.Should().Be("调岗");
        var again = async () => await Accounts.RevokePartnerAccountAsync(new RevokePartnerAccountRequest { Id = first.Id, Reason = "再次" }, GroupAdmin).ResponseAsync;
        (await again.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await Alliances.ListAlliancesAsync(new ListAlliancesRequest(), Partner("sun.bank"))).Items.Should().BeEmpty();

        var renewed = await CreateAsync(alliance, "工商银行", "sun.bank");
        renewed.Id.Should().NotBe(first.Id);
        (await Alliances.ListAlliancesAsync(new ListAlliancesRequest(), Partner("sun.bank"))).Items.Should().ContainSingle();
    }

    async Task<T> InDatabase<T>(Func<Organization.Data.OrganizationDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<Organization.Data.OrganizationDbContext>());
    }
}
