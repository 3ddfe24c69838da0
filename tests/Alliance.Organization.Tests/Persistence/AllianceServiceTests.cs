using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Organization.Tests.Persistence;

/// <summary>A clock the tests move by hand, so date-driven status is tested without waiting.</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Alliances and pairings as the organization service runs them, over gRPC, against real PostgreSQL.</summary>
public class AllianceServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new();

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("alliances");
        _host = await ServiceHost.StartAsync(_configuration,
            b => { b.AddApplicationServices(); b.Services.AddSingleton<TimeProvider>(_clock); },
            a => a.MapApplicationEndpoints());
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

    Task<List<string>> OutboxTypesAbout(string id) => InDatabase(db => db.Database
        .SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body::text LIKE {0} ORDER BY 1", $"%{id}%").ToListAsync());

    Task<int> OutboxCount() => InDatabase(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM outbox_messages").SingleAsync());

    async Task<(Subsidiary Subsidiary, Contracts.Organization.V1.Organization Committee)> SubsidiaryWithCommitteeAsync(string code)
    {
        var subsidiary = await _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, GroupAdmin).ResponseAsync;
        var committee = await _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(new CreateOrganizationRequest { SubsidiaryId = subsidiary.Id, Name = code + "党委", Kind = OrganizationKind.Committee }, GroupAdmin).ResponseAsync;
        return (subsidiary, committee);
    }

    Task<PartyAlliance> FormAsync(string leadOrganizationId, string name = "城市服务联盟", string clientRequestId = "") =>
        _host.Client<AllianceService.AllianceServiceClient>().FormAllianceAsync(new FormAllianceRequest
        {
            Name = name, Theme = "城市服务", LeadOrganizationId = leadOrganizationId, Plan = "联学联建", FormedOn = "2026-01-01", ClientRequestId = clientRequestId,
        }, GroupAdmin).ResponseAsync;

    static JoinAllianceRequest Join(PartyAlliance alliance, Unit unit) =>
        new() { AllianceId = alliance.Id, Unit = unit, JoinedOn = "2026-02-01", ExpectedVersion = alliance.Version };

    static Unit Bank(string name = "浦发银行") => new() { External = new ExternalUnit { Kind = ExternalUnitKind.Bank, Name = name, ContactName = "王经理", ContactPhone = "138" } };

    [Fact]
    public async Task A_dissolved_organization_can_neither_lead_an_alliance_nor_sign_a_pairing()
    {
        var (subsidiary, committee) = await SubsidiaryWithCommitteeAsync("AL9");
        var branch = await _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(new CreateOrganizationRequest { SubsidiaryId = subsidiary.Id, ParentId = committee.Id, Name = "撤销的支部", Kind = OrganizationKind.Branch }, GroupAdmin).ResponseAsync;
        await _host.Client<OrganizationService.OrganizationServiceClient>().DissolveOrganizationAsync(new DissolveOrganizationRequest { Id = branch.Id, ExpectedVersion = branch.Version }, GroupAdmin).ResponseAsync;
        var events = await OutboxCount();

        var form = async () => await FormAsync(branch.Id, "撤销后的联盟");
        var sign = async () => await _host.Client<PairingService.PairingServiceClient>().SignPairingAsync(new SignPairingRequest
        {
            First = new Unit { OrganizationId = branch.Id }, Second = Bank(),
            Agreement = new AgreementTerms { Title = "共建", Obligations = "联学", SignedOn = "2026-01-01", ExpiresOn = "2026-12-31" },
        }, GroupAdmin).ResponseAsync;

        (await form.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await sign.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await OutboxCount()).Should().Be(events, "nothing was written");
    }

    [Fact]
    public async Task A_formed_alliance_and_its_event_are_stored_together()
    {
        var (_, lead) = await SubsidiaryWithCommitteeAsync("AL1");

        var alliance = await FormAsync(lead.Id);

        var stored = await InDatabase(db => db.Set<Organization.Alliances.PartyAlliance>().Include(a => a.Members).SingleAsync(a => a.Id == Guid.Parse(alliance.Id)));
        stored.Members.Should().ContainSingle().Which.OrganizationId.Should().Be(Guid.Parse(lead.Id));
        (await OutboxTypesAbout(alliance.Id)).Should().ContainSingle().Which.Should().Contain(nameof(Contracts.Events.AllianceFormed));
    }

    [Fact]
    public async Task A_repeated_form_with_the_same_client_request_id_returns_the_first_alliance()
    {
        var (_, lead) = await SubsidiaryWithCommitteeAsync("AL2");

        var first = await FormAsync(lead.Id, clientRequestId: "form-1");
        var again = await FormAsync(lead.Id, clientRequestId: "form-1");

        again.Id.Should().Be(first.Id);
        (await InDatabase(db => db.Set<Organization.Alliances.PartyAlliance>().CountAsync(a => a.LeadOrganizationId == Guid.Parse(lead.Id)))).Should().Be(1);
    }

    [Fact]
    public async Task Joining_and_leaving_are_stored_with_their_events_and_a_rejected_join_writes_nothing()
    {
        var (_, lead) = await SubsidiaryWithCommitteeAsync("AL3");
        var alliance = await FormAsync(lead.Id);

        var joined = await _host.Client<AllianceService.AllianceServiceClient>().JoinAllianceAsync(Join(alliance, Bank()), GroupAdmin).ResponseAsync;
        var bank = joined.Members.Single(m => m.External is not null);
        var outboxBefore = await OutboxCount();
        var duplicate = () => _host.Client<AllianceService.AllianceServiceClient>().JoinAllianceAsync(Join(joined, Bank()), GroupAdmin).ResponseAsync;
        (await duplicate.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await OutboxCount()).Should().Be(outboxBefore);

        var left = await _host.Client<AllianceService.AllianceServiceClient>().LeaveAllianceAsync(new LeaveAllianceRequest { AllianceId = alliance.Id, MemberUnitId = bank.Id, LeftOn = "2026-02-20", ExpectedVersion = joined.Version }, GroupAdmin).ResponseAsync;

        left.Members.Single(m => m.Id == bank.Id).LeftOn.Should().Be("2026-02-20");
        (await InDatabase(db => db.Set<Organization.Alliances.AllianceMemberUnit>().CountAsync(m => m.AllianceId == Guid.Parse(alliance.Id)))).Should().Be(2);
        (await OutboxTypesAbout(bank.Id)).Should().HaveCount(2)
            .And.Contain(t => t.Contains(nameof(Contracts.Events.UnitJoinedAlliance)))
            .And.Contain(t => t.Contains(nameof(Contracts.Events.UnitLeftAlliance)));
    }

    [Fact]
    public async Task Two_joins_from_the_same_version_one_wins_and_the_other_is_ABORTED()
    {
        var (_, lead) = await SubsidiaryWithCommitteeAsync("AL4");
        var alliance = await FormAsync(lead.Id);

        var outcomes = await Task.WhenAll(new[] { "甲银行", "乙银行" }.Select(async name =>
        {
            try { await _host.Client<AllianceService.AllianceServiceClient>().JoinAllianceAsync(Join(alliance, Bank(name)), GroupAdmin).ResponseAsync; return StatusCode.OK; }
            catch (RpcException e) { return e.StatusCode; }
        }));

        outcomes.Should().BeEquivalentTo([StatusCode.OK, StatusCode.Aborted]);
        (await InDatabase(db => db.Set<Organization.Alliances.AllianceMemberUnit>().CountAsync(m => m.AllianceId == Guid.Parse(alliance.Id)))).Should().Be(2);
    }

    [Fact]
    public async Task An_alliance_is_visible_to_subsidiaries_with_a_current_member_unit_only()
    {
        var (a, leadA) = await SubsidiaryWithCommitteeAsync("ALA");
        var (b, orgB) = await SubsidiaryWithCommitteeAsync("ALB");
        var (c, _) = await SubsidiaryWithCommitteeAsync("ALC");
        var alliance = await FormAsync(leadA.Id, name: "可见性联盟");
        var joined = await _host.Client<AllianceService.AllianceServiceClient>().JoinAllianceAsync(Join(alliance, new Unit { OrganizationId = orgB.Id }), GroupAdmin).ResponseAsync;
        var get = new GetAllianceRequest { Id = alliance.Id };

        (await _host.Client<AllianceService.AllianceServiceClient>().GetAllianceAsync(get, As(Roles.Member, b.Id)).ResponseAsync).Members.Should().HaveCount(2);
        (await _host.Client<AllianceService.AllianceServiceClient>().GetAllianceAsync(get, As(Roles.Secretary, a.Id)).ResponseAsync).Id.Should().Be(alliance.Id);
        var outsider = () => _host.Client<AllianceService.AllianceServiceClient>().GetAllianceAsync(get, As(Roles.SubsidiaryAdmin, c.Id)).ResponseAsync;
        (await outsider.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        var listedToC = await _host.Client<AllianceService.AllianceServiceClient>().ListAlliancesAsync(new ListAlliancesRequest { Search = "可见性" }, As(Roles.SubsidiaryAdmin, c.Id)).ResponseAsync;
        listedToC.Total.Should().Be(0);
        // A member unit's subsidiary may read but not change the alliance: that is the lead's.
        var change = () => _host.Client<AllianceService.AllianceServiceClient>().ReviseAllianceAsync(new ReviseAllianceRequest { Id = alliance.Id, Name = "改名", Theme = "x" }, As(Roles.SubsidiaryAdmin, b.Id)).ResponseAsync;
        (await change.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);

        var memberB = joined.Members.Single(m => m.OrganizationId == orgB.Id);
        await _host.Client<AllianceService.AllianceServiceClient>().LeaveAllianceAsync(new LeaveAllianceRequest { AllianceId = alliance.Id, MemberUnitId = memberB.Id, LeftOn = "2026-02-15" }, GroupAdmin).ResponseAsync;

        var afterLeaving = () => _host.Client<AllianceService.AllianceServiceClient>().GetAllianceAsync(get, As(Roles.Member, b.Id)).ResponseAsync;
        (await afterLeaving.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task The_rotation_names_the_current_chair_and_the_next_in_turn_on_the_service_clock()
    {
        var (_, lead) = await SubsidiaryWithCommitteeAsync("AL5");
        var alliance = await _host.Client<AllianceService.AllianceServiceClient>().JoinAllianceAsync(Join(await FormAsync(lead.Id), Bank()), GroupAdmin).ResponseAsync;
        var leadUnit = alliance.Members.Single(m => m.OrganizationId == lead.Id).Id;
        var bank = alliance.Members.Single(m => m.External is not null).Id;

        var request = new ScheduleRotationRequest { AllianceId = alliance.Id, StartsOn = "2026-02-01", PeriodMonths = 3, ExpectedVersion = alliance.Version };
        request.Order.AddRange([bank, leadUnit]);
        var scheduled = await _host.Client<AllianceService.AllianceServiceClient>().ScheduleRotationAsync(request, GroupAdmin).ResponseAsync;

        scheduled.Rotation.Current.MemberUnitId.Should().Be(bank);       // 2026-03-01 is in the first period, February to April
        scheduled.Rotation.Next.MemberUnitId.Should().Be(leadUnit);
        _clock.Now = new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero);
        var later = await _host.Client<AllianceService.AllianceServiceClient>().GetAllianceAsync(new GetAllianceRequest { Id = alliance.Id }, GroupAdmin).ResponseAsync;
        later.Rotation.Current.MemberUnitId.Should().Be(leadUnit);
        later.Rotation.Next.MemberUnitId.Should().Be(bank);
        (await OutboxTypesAbout(alliance.Id)).Should().Contain(t => t.Contains(nameof(Contracts.Events.RotationScheduled)));
    }

    static SignPairingRequest Sign(string organizationId, string expiresOn, string clientRequestId = "") => new()
    {
        First = new Unit { OrganizationId = organizationId },
        Second = new Unit { External = new ExternalUnit { Kind = ExternalUnitKind.Community, Name = "东明社区", ContactName = "张书记", ContactPhone = "021" } },
        Agreement = new AgreementTerms { Title = "共建协议", Obligations = "每季度联学", SignedOn = "2026-01-01", ExpiresOn = expiresOn },
        ClientRequestId = clientRequestId,
    };

    [Fact]
    public async Task A_pairing_turns_expiring_soon_as_the_clock_nears_its_expiry_and_a_renewal_keeps_the_history()
    {
        var (subsidiary, branch) = await SubsidiaryWithCommitteeAsync("PA1");
        var pairing = await _host.Client<PairingService.PairingServiceClient>().SignPairingAsync(Sign(branch.Id, "2026-05-15"), GroupAdmin).ResponseAsync;
        pairing.Status.Should().Be(PairingStatus.Active);

        _clock.Now = new DateTimeOffset(2026, 4, 20, 0, 0, 0, TimeSpan.Zero);
        (await _host.Client<PairingService.PairingServiceClient>().GetPairingAsync(new GetPairingRequest { Id = pairing.Id }, GroupAdmin).ResponseAsync).Status.Should().Be(PairingStatus.ExpiringSoon);
        var expiring = await _host.Client<PairingService.PairingServiceClient>().ListPairingsAsync(new ListPairingsRequest { Status = PairingStatus.ExpiringSoon, SubsidiaryId = subsidiary.Id }, GroupAdmin).ResponseAsync;
        expiring.Items.Select(p => p.Id).Should().Equal(pairing.Id);

        var renewed = await _host.Client<PairingService.PairingServiceClient>().RenewPairingAsync(new RenewPairingRequest
        {
            Id = pairing.Id, ExpectedVersion = pairing.Version,
            Agreement = new AgreementTerms { Title = "续签协议", Obligations = "每月联学", SignedOn = "2026-04-20", ExpiresOn = "2027-04-30" },
        }, GroupAdmin).ResponseAsync;

        renewed.Status.Should().Be(PairingStatus.Active);
        renewed.Agreement.Sequence.Should().Be(2);
        renewed.History.Should().ContainSingle().Which.Title.Should().Be("共建协议");
        (await OutboxTypesAbout(pairing.Id)).Should().HaveCount(2)
            .And.Contain(t => t.Contains(nameof(Contracts.Events.PairingSigned)))
            .And.Contain(t => t.Contains(nameof(Contracts.Events.PairingRenewed)));
    }

    [Fact]
    public async Task A_stale_renewal_is_ABORTED_and_changes_nothing()
    {
        var (_, branch) = await SubsidiaryWithCommitteeAsync("PA2");
        var pairing = await _host.Client<PairingService.PairingServiceClient>().SignPairingAsync(Sign(branch.Id, "2026-12-31"), GroupAdmin).ResponseAsync;
        await _host.Client<PairingService.PairingServiceClient>().EndPairingAsync(new EndPairingRequest { Id = pairing.Id, EndedOn = "2026-03-01", ExpectedVersion = pairing.Version }, GroupAdmin).ResponseAsync;

        var stale = () => _host.Client<PairingService.PairingServiceClient>().RenewPairingAsync(new RenewPairingRequest
        {
            Id = pairing.Id, ExpectedVersion = pairing.Version,
            Agreement = new AgreementTerms { Title = "续签", Obligations = "x", SignedOn = "2026-03-01", ExpiresOn = "2027-12-31" },
        }, GroupAdmin).ResponseAsync;

        (await stale.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Aborted);
        (await InDatabase(db => db.Set<Organization.Pairings.PairingAgreement>().CountAsync(a => a.PairingId == Guid.Parse(pairing.Id)))).Should().Be(1);
    }

    [Fact]
    public async Task A_pairing_is_invisible_to_other_subsidiaries()
    {
        var (a, branch) = await SubsidiaryWithCommitteeAsync("PAA");
        var (b, _) = await SubsidiaryWithCommitteeAsync("PAB");
        var pairing = await _host.Client<PairingService.PairingServiceClient>().SignPairingAsync(Sign(branch.Id, "2026-12-31"), As(Roles.SubsidiaryAdmin, a.Id)).ResponseAsync;

        (await _host.Client<PairingService.PairingServiceClient>().GetPairingAsync(new GetPairingRequest { Id = pairing.Id }, As(Roles.Member, a.Id)).ResponseAsync).Id.Should().Be(pairing.Id);
        var other = () => _host.Client<PairingService.PairingServiceClient>().GetPairingAsync(new GetPairingRequest { Id = pairing.Id }, As(Roles.SubsidiaryAdmin, b.Id)).ResponseAsync;
        (await other.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        var signForA = () => _host.Client<PairingService.PairingServiceClient>().SignPairingAsync(Sign(branch.Id, "2026-12-31"), As(Roles.SubsidiaryAdmin, b.Id)).ResponseAsync;
        (await signForA.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }
}
