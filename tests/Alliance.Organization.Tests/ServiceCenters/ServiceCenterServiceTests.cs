using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.Organization.Tests.Persistence;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Domain = Alliance.Organization.ServiceCenters;

namespace Alliance.Organization.Tests.ServiceCenters;

/// <summary>Service centers as the organization service runs them, over gRPC, against real PostgreSQL.</summary>
public class ServiceCenterServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new();

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("centers");
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

    Task<ListServiceCentersResponse> ListAsync(ListServiceCentersRequest request, CallOptions? options = null) =>
        _host.Client<ServiceCenterService.ServiceCenterServiceClient>().ListServiceCentersAsync(request, options ?? GroupAdmin).ResponseAsync;

    async Task<T> InDatabase<T>(Func<OrganizationDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OrganizationDbContext>());
    }

    Task<List<string>> OutboxTypesAbout(string id) => InDatabase(db => db.Database
        .SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body::text LIKE {0} ORDER BY 1", $"%{id}%").ToListAsync());

    Task<int> OutboxCount() => InDatabase(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM outbox_messages").SingleAsync());

    Task<int> CenterCount() => InDatabase(db => db.Set<Domain.ServiceCenter>().CountAsync());

    async Task<(Subsidiary Subsidiary, Contracts.Organization.V1.Organization Committee)> SubsidiaryWithCommitteeAsync(string code)
    {
        var subsidiary = await _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, GroupAdmin).ResponseAsync;
        var committee = await _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(new CreateOrganizationRequest { SubsidiaryId = subsidiary.Id, Name = code + "党委", Kind = OrganizationKind.Committee }, GroupAdmin).ResponseAsync;
        return (subsidiary, committee);
    }

    static OpenServiceCenterRequest Open(string ownerId, string name = "城东党群服务中心", int capacity = 120, string clientRequestId = "") => new()
    {
        OwnerOrganizationId = ownerId,
        Details = new ServiceCenterDetails { Name = name, Address = "城东路 1 号", Capacity = capacity, ContactPhone = "021-5555", OpeningHours = "9:00-17:00" },
        ClientRequestId = clientRequestId,
    };

    Task<PartyAlliance> FormAllianceAsync(string leadOrganizationId, string name = "城市服务联盟") =>
        _host.Client<AllianceService.AllianceServiceClient>().FormAllianceAsync(new FormAllianceRequest
        {
            Name = name, Theme = "城市服务", LeadOrganizationId = leadOrganizationId, FormedOn = "2026-01-01",
        }, GroupAdmin).ResponseAsync;

    Task<PartyAlliance> JoinAsync(PartyAlliance alliance, string organizationId) =>
        _host.Client<AllianceService.AllianceServiceClient>().JoinAllianceAsync(new JoinAllianceRequest
        {
            AllianceId = alliance.Id, Unit = new Unit { OrganizationId = organizationId }, JoinedOn = "2026-02-01", ExpectedVersion = alliance.Version,
        }, GroupAdmin).ResponseAsync;

    static ShareWithAllianceRequest Share(ServiceCenter center, PartyAlliance alliance, string from = "2026-02-01", string until = "") =>
        new() { Id = center.Id, AllianceId = alliance.Id, SharedFrom = from, SharedUntil = until, ExpectedVersion = center.Version };

    [Fact]
    public async Task An_opened_center_and_its_event_are_stored_together_and_a_retry_with_the_same_client_request_id_returns_it()
    {
        var (subsidiary, committee) = await SubsidiaryWithCommitteeAsync("SC1");

        var center = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(committee.Id, clientRequestId: "open-1"), As(Roles.SubsidiaryAdmin, subsidiary.Id)).ResponseAsync;
        var again = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(committee.Id, clientRequestId: "open-1"), As(Roles.SubsidiaryAdmin, subsidiary.Id)).ResponseAsync;

        again.Id.Should().Be(center.Id);
        center.SubsidiaryId.Should().Be(subsidiary.Id);
        center.OwnerName.Should().Be("SC1党委");
        center.Status.Should().Be(ServiceCenterStatus.Open);
        var stored = await InDatabase(db => db.Set<Domain.ServiceCenter>().SingleAsync(c => c.Id == Guid.Parse(center.Id)));
        stored.Capacity.Should().Be(120);
        stored.ContactPhone.Should().Be("021-5555");
        stored.NameSearch.Should().Contain("cddqfwzx");
        (await CenterCount()).Should().Be(1);
        (await OutboxTypesAbout(center.Id)).Should().ContainSingle().Which.Should().Contain(nameof(Contracts.Events.ServiceCenterOpened));
    }

    [Fact]
    public async Task Bad_details_are_INVALID_ARGUMENT_with_field_violations_and_write_nothing()
    {
        var (_, committee) = await SubsidiaryWithCommitteeAsync("SC2");
        var outboxBefore = await OutboxCount();
        var request = Open(committee.Id, name: " ", capacity: 0);
        request.Details.Address = "";
        request.Details.Facilities = new string('x', Domain.ServiceCenterDetails.MaxFacilitiesLength + 1);

        var open = () => _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(request, GroupAdmin).ResponseAsync;

        var error = (await open.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(error).Keys.Should().BeEquivalentTo("name", "address", "capacity", "facilities");
        (await CenterCount()).Should().Be(0);
        (await OutboxCount()).Should().Be(outboxBefore);
    }

    [Fact]
    public async Task An_admin_cannot_open_a_center_for_another_subsidiarys_organization()
    {
        var (_, committeeA) = await SubsidiaryWithCommitteeAsync("SC3");
        var (b, _) = await SubsidiaryWithCommitteeAsync("SC4");

        var open = () => _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(committeeA.Id), As(Roles.SubsidiaryAdmin, b.Id)).ResponseAsync;
        var secretary = () => _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(committeeA.Id), As(Roles.Secretary, b.Id)).ResponseAsync;

        var error = (await open.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.NotFound);
        FieldErrors.From(error).Should().ContainKey("ownerOrganizationId");
        (await secretary.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await CenterCount()).Should().Be(0);
    }

    [Fact]
    public async Task A_stale_revise_is_ABORTED_and_of_two_revisions_from_the_same_version_one_wins()
    {
        var (_, committee) = await SubsidiaryWithCommitteeAsync("SC5");
        var center = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(committee.Id), GroupAdmin).ResponseAsync;
        ReviseServiceCenterRequest Revise(string name, long version) => new()
        {
            Id = center.Id, ExpectedVersion = version, Details = new ServiceCenterDetails { Name = name, Address = "新址", Capacity = 80 },
        };

        var outcomes = await Task.WhenAll(new[] { "甲中心", "乙中心" }.Select(async name =>
        {
            try { await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().ReviseServiceCenterAsync(Revise(name, center.Version), GroupAdmin).ResponseAsync; return StatusCode.OK; }
            catch (RpcException e) { return e.StatusCode; }
        }));
        var stale = () => _host.Client<ServiceCenterService.ServiceCenterServiceClient>().ReviseServiceCenterAsync(Revise("丙中心", center.Version), GroupAdmin).ResponseAsync;

        outcomes.Should().BeEquivalentTo([StatusCode.OK, StatusCode.Aborted]);
        (await stale.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Aborted);
        var stored = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().GetServiceCenterAsync(new GetServiceCenterRequest { Id = center.Id }, GroupAdmin).ResponseAsync;
        stored.Version.Should().Be(2);
        stored.Name.Should().BeOneOf("甲中心", "乙中心");
        stored.Capacity.Should().Be(80);
        (await OutboxTypesAbout(center.Id)).Count(t => t.Contains(nameof(Contracts.Events.ServiceCenterRevised))).Should().Be(1);
    }

    [Fact]
    public async Task A_center_is_shared_only_with_alliances_its_subsidiary_takes_part_in_and_the_shares_are_stored_with_their_events()
    {
        var (a, leadA) = await SubsidiaryWithCommitteeAsync("SC6");
        var (b, orgB) = await SubsidiaryWithCommitteeAsync("SC7");
        var (c, orgC) = await SubsidiaryWithCommitteeAsync("SC8");
        var alliance = await JoinAsync(await FormAllianceAsync(leadA.Id), orgB.Id);
        var centerOfB = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(orgB.Id), As(Roles.SubsidiaryAdmin, b.Id)).ResponseAsync;
        var centerOfC = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(orgC.Id), As(Roles.SubsidiaryAdmin, c.Id)).ResponseAsync;
        var outboxBefore = await OutboxCount();

        var outsider = () => _host.Client<ServiceCenterService.ServiceCenterServiceClient>().ShareWithAllianceAsync(Share(centerOfC, alliance), As(Roles.SubsidiaryAdmin, c.Id)).ResponseAsync;
        var error = (await outsider.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.NotFound);
        FieldErrors.From(error).Should().ContainKey("allianceId");
        (await OutboxCount()).Should().Be(outboxBefore);

        var shared = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().ShareWithAllianceAsync(Share(centerOfB, alliance), As(Roles.SubsidiaryAdmin, b.Id)).ResponseAsync;
        shared.Shares.Should().ContainSingle().Which.AllianceName.Should().Be("城市服务联盟");
        var twice = () => _host.Client<ServiceCenterService.ServiceCenterServiceClient>().ShareWithAllianceAsync(Share(shared, alliance, from: "2026-03-01"), As(Roles.SubsidiaryAdmin, b.Id)).ResponseAsync;
        (await twice.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);

        var stopped = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().StopSharingAsync(new StopSharingRequest
        {
            Id = centerOfB.Id, AllianceId = alliance.Id, SharedUntil = "2026-02-20", ExpectedVersion = shared.Version,
        }, As(Roles.SubsidiaryAdmin, b.Id)).ResponseAsync;

        stopped.Shares.Single().SharedUntil.Should().Be("2026-02-20");
        (await InDatabase(db => db.Set<Domain.ServiceCenterShare>().CountAsync(s => s.ServiceCenterId == Guid.Parse(centerOfB.Id)))).Should().Be(1);
        (await OutboxTypesAbout(centerOfB.Id)).Should().HaveCount(3)
            .And.Contain(t => t.Contains(nameof(Contracts.Events.ServiceCenterSharedWithAlliance)))
            .And.Contain(t => t.Contains(nameof(Contracts.Events.ServiceCenterSharingStopped)));
    }

    [Fact]
    public async Task A_shared_center_is_visible_read_only_to_the_alliances_subsidiaries_while_shared_and_never_to_outsiders()
    {
        var (a, leadA) = await SubsidiaryWithCommitteeAsync("SCA");
        var (b, orgB) = await SubsidiaryWithCommitteeAsync("SCB");
        var (c, _) = await SubsidiaryWithCommitteeAsync("SCC");
        var alliance = await JoinAsync(await FormAllianceAsync(leadA.Id, "阵地共享联盟"), orgB.Id);
        var center = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(orgB.Id, name: "共享阵地"), As(Roles.SubsidiaryAdmin, b.Id)).ResponseAsync;
        var get = new GetServiceCenterRequest { Id = center.Id };

        var hidden = () => _host.Client<ServiceCenterService.ServiceCenterServiceClient>().GetServiceCenterAsync(get, As(Roles.Member, a.Id)).ResponseAsync;
        (await hidden.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);

        center = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().ShareWithAllianceAsync(Share(center, alliance), As(Roles.SubsidiaryAdmin, b.Id)).ResponseAsync;

        (await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().GetServiceCenterAsync(get, As(Roles.Member, a.Id)).ResponseAsync).Id.Should().Be(center.Id);
        (await ListAsync(new ListServiceCentersRequest { AllianceId = alliance.Id }, As(Roles.Secretary, a.Id))).Items.Select(i => i.Id).Should().Equal(center.Id);
        var readOnly = () => _host.Client<ServiceCenterService.ServiceCenterServiceClient>().CloseServiceCenterAsync(new CloseServiceCenterRequest { Id = center.Id, ClosedOn = "2026-03-01" }, As(Roles.SubsidiaryAdmin, a.Id)).ResponseAsync;
        (await readOnly.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        var outsider = () => _host.Client<ServiceCenterService.ServiceCenterServiceClient>().GetServiceCenterAsync(get, As(Roles.SubsidiaryAdmin, c.Id)).ResponseAsync;
        (await outsider.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        (await ListAsync(new ListServiceCentersRequest { Search = "共享" }, As(Roles.SubsidiaryAdmin, c.Id))).Total.Should().Be(0);

        await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().StopSharingAsync(new StopSharingRequest { Id = center.Id, AllianceId = alliance.Id, SharedUntil = "2026-03-10" }, As(Roles.SubsidiaryAdmin, b.Id)).ResponseAsync;
        (await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().GetServiceCenterAsync(get, As(Roles.Member, a.Id)).ResponseAsync).Id.Should().Be(center.Id); // still shared until the 10th
        _clock.Now = new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero);
        (await hidden.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        (await ListAsync(new ListServiceCentersRequest { AllianceId = alliance.Id }, GroupAdmin)).Total.Should().Be(0);
        (await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().GetServiceCenterAsync(get, As(Roles.Member, b.Id)).ResponseAsync).Shares.Should().ContainSingle();
    }

    [Fact]
    public async Task Lists_search_by_pinyin_filter_by_status_owner_and_capacity_and_sort_by_capacity()
    {
        var (subsidiary, committee) = await SubsidiaryWithCommitteeAsync("SCL");
        var small = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(committee.Id, "城东党群服务中心", 30), GroupAdmin).ResponseAsync;
        var large = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(committee.Id, "西区活动阵地", 300), GroupAdmin).ResponseAsync;
        var closed = await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(committee.Id, "南站党群驿站", 60), GroupAdmin).ResponseAsync;
        await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().CloseServiceCenterAsync(new CloseServiceCenterRequest { Id = closed.Id, ClosedOn = "2026-02-28", Reason = "拆迁", ExpectedVersion = closed.Version }, GroupAdmin).ResponseAsync;
        var mine = As(Roles.Member, subsidiary.Id);

        (await ListAsync(new ListServiceCentersRequest { Search = "dqfw" }, mine)).Items.Select(c => c.Id).Should().Equal(small.Id);
        (await ListAsync(new ListServiceCentersRequest { Search = "党群" }, mine)).Total.Should().Be(2);
        (await ListAsync(new ListServiceCentersRequest { Status = ServiceCenterStatus.Open, Sort = "-capacity" }, mine))
            .Items.Select(c => c.Id).Should().Equal(large.Id, small.Id);
        (await ListAsync(new ListServiceCentersRequest { MinCapacity = 60, Sort = "capacity" }, mine)).Items.Select(c => c.Id).Should().Equal(closed.Id, large.Id);
        (await ListAsync(new ListServiceCentersRequest { OwnerOrganizationId = committee.Id, SubsidiaryId = subsidiary.Id }, mine)).Total.Should().Be(3);
        var closedOne = (await ListAsync(new ListServiceCentersRequest { Status = ServiceCenterStatus.Closed }, mine)).Items.Should().ContainSingle().Subject;
        closedOne.ClosedOn.Should().Be("2026-02-28");
        closedOne.CloseReason.Should().Be("拆迁");
        var badSort = () => ListAsync(new ListServiceCentersRequest { Sort = "size" }, mine);
        (await badSort.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await OutboxTypesAbout(closed.Id)).Should().Contain(t => t.Contains(nameof(Contracts.Events.ServiceCenterClosed)));
    }

    [Fact]
    public async Task A_center_stored_without_a_pinyin_key_gets_one_from_the_backfill_at_the_next_start()
    {
        var (subsidiary, committee) = await SubsidiaryWithCommitteeAsync("SCP");
        await _host.Client<ServiceCenterService.ServiceCenterServiceClient>().OpenServiceCenterAsync(Open(committee.Id, "滨江党群驿站"), GroupAdmin).ResponseAsync;
        await InDatabase(db => db.Database.ExecuteSqlRawAsync("UPDATE service_centers SET name_search = NULL"));
        var byInitials = new ListServiceCentersRequest { Search = "bjdqyz", SubsidiaryId = subsidiary.Id };
        (await ListAsync(byInitials)).Total.Should().Be(0, "the key is gone");

        await _host.DisposeAsync();
        _host = await ServiceHost.StartAsync(_configuration,
            b => { b.AddApplicationServices(); b.Services.AddSingleton<TimeProvider>(_clock); },
            a => a.MapApplicationEndpoints());

        (await InDatabase(db => db.Set<Domain.ServiceCenter>().CountAsync(c => c.NameSearch == null))).Should().Be(0);
        (await ListAsync(byInitials)).Items.Select(c => c.Name).Should().Equal("滨江党群驿站");
    }
}
