using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Organization.Tests.Persistence;

/// <summary>The organization service as it runs, over gRPC, against a real PostgreSQL database and RabbitMQ.</summary>
public class OrganizationServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly Dictionary<string, string?> _configuration = new();

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("organization");
        _host = await StartAsync();
    }

    Task<ServiceHost> StartAsync() => ServiceHost.StartAsync(_configuration, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions AsGroupAdmin() => new(new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin }, { AllianceMetadata.UserId, "tester" } });

    async Task<T> InDatabase<T>(Func<OrganizationDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OrganizationDbContext>());
    }

    Task<Subsidiary> RegisterAsync(string code) =>
        _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, AsGroupAdmin()).ResponseAsync;

    Task<Contracts.Organization.V1.Organization> CreateAsync(string subsidiaryId, OrganizationKind kind, string? parentId = null, string name = "党组织")
    {
        var request = new CreateOrganizationRequest { SubsidiaryId = subsidiaryId, Name = name, Kind = kind };
        if (parentId is not null) request.ParentId = parentId;
        return _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(request, AsGroupAdmin()).ResponseAsync;
    }

    // Every rpc of the service passes the call interceptor's control-character check before the method runs (issue 17).
    [Fact]
    public async Task A_NUL_in_a_request_is_INVALID_ARGUMENT_naming_the_field_and_writes_nothing()
    {
        var register = () => _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = "NUL1", Name = "企业\0" }, AsGroupAdmin()).ResponseAsync;
        var list = () => _host.Client<SubsidiaryService.SubsidiaryServiceClient>().ListSubsidiariesAsync(new ListSubsidiariesRequest { Search = "\0" }, AsGroupAdmin()).ResponseAsync;

        var refused = (await register.Should().ThrowAsync<RpcException>()).Which;
        refused.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(refused).Should().ContainKey("name");
        var searched = (await list.Should().ThrowAsync<RpcException>()).Which;
        searched.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(searched).Should().ContainKey("search");
        (await InDatabase(db => db.Subsidiaries.CountAsync(s => s.Code == "NUL1"))).Should().Be(0);
        (await InDatabase(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM outbox_messages").SingleAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_created_organization_and_its_event_are_stored_together()
    {
        var subsidiary = await RegisterAsync("OUT1");
        var committee = await CreateAsync(subsidiary.Id, OrganizationKind.Committee, name: "集团党委");

        var stored = await InDatabase(db => db.Organizations.SingleAsync(o => o.Id == Guid.Parse(committee.Id)));
        stored.Name.Should().Be("集团党委");
        var events = await InDatabase(db => db.Database
            .SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body::text LIKE {0}", $"%{committee.Id}%").ToListAsync());
        events.Should().ContainSingle().Which.Should().Contain(nameof(Contracts.Events.OrganizationCreated));
    }

    [Fact]
    public async Task A_rejected_create_leaves_neither_organization_nor_event()
    {
        var subsidiary = await RegisterAsync("REJ1");
        var outboxBefore = await InDatabase(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM outbox_messages").SingleAsync());

        var act = () => CreateAsync(subsidiary.Id, OrganizationKind.Group, name: "无上级的小组");

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await InDatabase(db => db.Organizations.CountAsync(o => o.SubsidiaryId == Guid.Parse(subsidiary.Id)))).Should().Be(0);
        (await InDatabase(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM outbox_messages").SingleAsync()))
            .Should().Be(outboxBefore);
    }

    [Fact]
    public async Task Two_moves_from_the_same_version_one_wins_and_the_other_is_ABORTED()
    {
        var subsidiary = await RegisterAsync("CON1");
        var a = await CreateAsync(subsidiary.Id, OrganizationKind.Committee);
        var b = await CreateAsync(subsidiary.Id, OrganizationKind.Committee);
        var c = await CreateAsync(subsidiary.Id, OrganizationKind.Committee);
        var branch = await CreateAsync(subsidiary.Id, OrganizationKind.Branch, a.Id);

        var moves = new[] { b.Id, c.Id }.Select(async target =>
        {
            try
            {
                await _host.Client<OrganizationService.OrganizationServiceClient>().MoveOrganizationAsync(new MoveOrganizationRequest { Id = branch.Id, NewParentId = target, ExpectedVersion = branch.Version }, AsGroupAdmin()).ResponseAsync;
                return StatusCode.OK;
            }
            catch (RpcException e) { return e.StatusCode; }
        });
        var outcomes = await Task.WhenAll(moves);

        outcomes.Should().BeEquivalentTo([StatusCode.OK, StatusCode.Aborted]);
        var stored = await InDatabase(db => db.Organizations.SingleAsync(o => o.Id == Guid.Parse(branch.Id)));
        stored.Version.Should().Be(2);
    }

    [Fact]
    public async Task A_subtree_query_by_path_finds_every_descendant()
    {
        var subsidiary = await RegisterAsync("TREE1");
        var top = await CreateAsync(subsidiary.Id, OrganizationKind.Committee);
        var general = await CreateAsync(subsidiary.Id, OrganizationKind.GeneralBranch, top.Id);
        var branch = await CreateAsync(subsidiary.Id, OrganizationKind.Branch, general.Id);
        await CreateAsync(subsidiary.Id, OrganizationKind.Group, branch.Id);
        await CreateAsync(subsidiary.Id, OrganizationKind.Committee); // another root, not in the subtree

        var prefix = general.Path + "/";
        var subtree = await InDatabase(db => db.Organizations.CountAsync(o => o.Path.StartsWith(prefix)));

        subtree.Should().Be(2);
    }

    [Fact]
    public async Task Listing_the_subtree_of_an_organization_returns_it_and_every_descendant_and_nothing_else()
    {
        var subsidiary = await RegisterAsync("WITHIN1");
        var top = await CreateAsync(subsidiary.Id, OrganizationKind.Committee, name: "集团党委");
        var general = await CreateAsync(subsidiary.Id, OrganizationKind.GeneralBranch, top.Id, "工程党总支");
        var branch = await CreateAsync(subsidiary.Id, OrganizationKind.Branch, general.Id, "第一党支部");
        var group = await CreateAsync(subsidiary.Id, OrganizationKind.Group, branch.Id, "青年党小组");
        await CreateAsync(subsidiary.Id, OrganizationKind.Branch, top.Id, "机关党支部"); // beside, not below
        var other = await RegisterAsync("WITHIN2");

        var subtree = await _host.Client<OrganizationService.OrganizationServiceClient>().ListOrganizationsAsync(new ListOrganizationsRequest { SubsidiaryId = subsidiary.Id, SubtreeOf = general.Id, PageSize = 50 }, AsGroupAdmin()).ResponseAsync;
        var elsewhere = () => _host.Client<OrganizationService.OrganizationServiceClient>().ListOrganizationsAsync(new ListOrganizationsRequest { SubsidiaryId = other.Id, SubtreeOf = general.Id }, AsGroupAdmin()).ResponseAsync;

        subtree.Total.Should().Be(3);
        subtree.Items.Select(o => o.Id).Should().Equal(general.Id, branch.Id, group.Id);
        (await elsewhere.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }
}
