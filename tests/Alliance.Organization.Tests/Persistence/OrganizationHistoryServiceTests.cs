using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;

namespace Alliance.Organization.Tests.Persistence;

/// <summary>
/// Effective-dated changes of the party tree through the organization service, against a real PostgreSQL database and
/// RabbitMQ: what is stored, what is announced, what is rejected (and then not written), and the tree of a past day.
/// </summary>
public class OrganizationHistoryServiceTests : IAsyncLifetime
{
    const string Service = "/alliance.organization.v1.OrganizationService/";
    const string People = "/alliance.organization.v1.PeopleService/";
    ServiceHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ServiceHost.StartAsync(await new Dictionary<string, string?>().AddOwnServersAsync("orghistory"),
            b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions AsGroupAdmin() => new(new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin }, { AllianceMetadata.UserId, "history-tester" } });

    async Task<T> InDatabase<T>(Func<OrganizationDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OrganizationDbContext>());
    }

    Task<int> OutboxCountAsync(string type) => InDatabase(db => db.Database
        .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE message_type LIKE {0}", $"%{type}%").SingleAsync());

    async Task<string> SubsidiaryAsync(string code) =>
        (await _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, AsGroupAdmin()).ResponseAsync).Id;

    Task<ContractOrganization> CreateAsync(string subsidiaryId, OrganizationKind kind, string name, string? parentId = null, string on = "2020-01-01")
    {
        var request = new CreateOrganizationRequest { SubsidiaryId = subsidiaryId, Name = name, Kind = kind, EffectiveOn = on };
        if (parentId is not null) request.ParentId = parentId;
        return _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(request, AsGroupAdmin()).ResponseAsync;
    }

    Task<ContractOrganization> GetAsync(string id) => _host.Client<OrganizationService.OrganizationServiceClient>().GetOrganizationAsync(new GetOrganizationRequest { Id = id }, AsGroupAdmin()).ResponseAsync;

    async Task<IReadOnlyList<ContractOrganization>> TreeAsOfAsync(string subsidiaryId, string day) =>
        (await _host.Client<OrganizationService.OrganizationServiceClient>().GetTreeAsOfAsync(new GetTreeAsOfRequest { SubsidiaryId = subsidiaryId, AsOf = day }, AsGroupAdmin()).ResponseAsync).Items;

    async Task<IReadOnlyList<ContractOrganization>> ListAsync(string subsidiaryId, bool includeEnded = false, string? subtreeOf = null)
    {
        var request = new ListOrganizationsRequest { SubsidiaryId = subsidiaryId, PageSize = 200, IncludeEnded = includeEnded };
        if (subtreeOf is not null) request.SubtreeOf = subtreeOf;
        return (await _host.Client<OrganizationService.OrganizationServiceClient>().ListOrganizationsAsync(request, AsGroupAdmin()).ResponseAsync).Items;
    }

    async Task<Person> MemberAsync(string subsidiaryId, string organizationId, string name, string joinedOn = "2021-01-01")
    {
        var person = await _host.Client<PeopleService.PeopleServiceClient>().RegisterPersonAsync(new RegisterPersonRequest { SubsidiaryId = subsidiaryId, Name = name, Kind = PersonKind.Employee }, AsGroupAdmin()).ResponseAsync;
        return await _host.Client<PeopleService.PeopleServiceClient>().JoinPartyAsync(new JoinPartyRequest
        {
            PersonId = person.Id, OrganizationId = organizationId, JoinedOn = joinedOn, Status = MembershipStatus.Full,
        }, AsGroupAdmin()).ResponseAsync;
    }

    Task<Person> PersonAsync(string id) => _host.Client<PeopleService.PeopleServiceClient>().GetPersonAsync(new GetPersonRequest { Id = id }, AsGroupAdmin()).ResponseAsync;

    [Fact]
    public async Task A_rename_is_stored_recorded_in_the_history_and_announced()
    {
        var s = await SubsidiaryAsync("HRN1");
        var committee = await CreateAsync(s, OrganizationKind.Committee, "机关党委");

        var renamed = await _host.Client<OrganizationService.OrganizationServiceClient>().RenameOrganizationAsync(new RenameOrganizationRequest
        {
            Id = committee.Id, Name = "机关第一党委", EffectiveOn = "2023-07-01", ExpectedVersion = committee.Version,
        }, AsGroupAdmin()).ResponseAsync;

        renamed.Name.Should().Be("机关第一党委");
        renamed.LastChangedOn.Should().Be("2023-07-01");
        var history = await _host.Client<OrganizationService.OrganizationServiceClient>().GetOrganizationHistoryAsync(new GetOrganizationHistoryRequest { Id = committee.Id }, AsGroupAdmin()).ResponseAsync;
        history.Changes.Select(c => c.Kind).Should().Equal(OrganizationChangeKind.Renamed, OrganizationChangeKind.Created);
        history.Changes[0].Should().Match<OrganizationChange>(c => c.OldName == "机关党委" && c.NewName == "机关第一党委" &&
            c.EffectiveOn == "2023-07-01" && c.RecordedBy == "history-tester");
        (await OutboxCountAsync("OrganizationRenamed")).Should().Be(1);
    }

    [Fact]
    public async Task A_rename_from_a_stale_version_is_ABORTED_and_writes_nothing()
    {
        var s = await SubsidiaryAsync("HRN2");
        var committee = await CreateAsync(s, OrganizationKind.Committee, "党委");
        await _host.Client<OrganizationService.OrganizationServiceClient>().RenameOrganizationAsync(new RenameOrganizationRequest { Id = committee.Id, Name = "第一次", ExpectedVersion = committee.Version }, AsGroupAdmin()).ResponseAsync;

        var stale = () => _host.Client<OrganizationService.OrganizationServiceClient>().RenameOrganizationAsync(new RenameOrganizationRequest { Id = committee.Id, Name = "第二次", ExpectedVersion = committee.Version }, AsGroupAdmin()).ResponseAsync;

        (await stale.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Aborted);
        (await GetAsync(committee.Id)).Name.Should().Be("第一次");
        (await InDatabase(db => db.Set<Alliance.Organization.Organizations.OrganizationChange>().CountAsync(c => c.OrganizationId == Guid.Parse(committee.Id)))).Should().Be(2);
        (await OutboxCountAsync("OrganizationRenamed")).Should().Be(1);
    }

    [Fact]
    public async Task A_change_dated_before_the_last_one_is_a_field_error_and_writes_nothing()
    {
        var s = await SubsidiaryAsync("HRN3");
        var committee = await CreateAsync(s, OrganizationKind.Committee, "党委", on: "2022-01-01");

        var beforeCreation = () => _host.Client<OrganizationService.OrganizationServiceClient>().RenameOrganizationAsync(new RenameOrganizationRequest { Id = committee.Id, Name = "新名", EffectiveOn = "2021-12-31" }, AsGroupAdmin()).ResponseAsync;
        var badDate = () => _host.Client<OrganizationService.OrganizationServiceClient>().RenameOrganizationAsync(new RenameOrganizationRequest { Id = committee.Id, Name = "新名", EffectiveOn = "2022-13-01" }, AsGroupAdmin()).ResponseAsync;

        var rejected = (await beforeCreation.Should().ThrowAsync<RpcException>()).Which;
        rejected.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        FieldErrors.From(rejected).Should().ContainKey("effectiveOn");
        var invalid = (await badDate.Should().ThrowAsync<RpcException>()).Which;
        invalid.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(invalid).Should().ContainKey("effectiveOn");
        (await GetAsync(committee.Id)).Should().Match<ContractOrganization>(o => o.Name == "党委" && o.Version == 1);
        (await OutboxCountAsync("OrganizationRenamed")).Should().Be(0);
    }

    [Fact]
    public async Task The_tree_of_a_past_day_is_rebuilt_from_the_history()
    {
        var s = await SubsidiaryAsync("HAS1");
        var committee = await CreateAsync(s, OrganizationKind.Committee, "党委", on: "2020-01-01");
        var g1 = await CreateAsync(s, OrganizationKind.GeneralBranch, "一总支", committee.Id, "2020-01-01");
        var g2 = await CreateAsync(s, OrganizationKind.GeneralBranch, "二总支", committee.Id, "2021-01-01");
        var branch = await CreateAsync(s, OrganizationKind.Branch, "老支部", g1.Id, "2021-06-01");
        var group = await CreateAsync(s, OrganizationKind.Group, "小组", branch.Id, "2021-06-01");
        await _host.Client<OrganizationService.OrganizationServiceClient>().RenameOrganizationAsync(new RenameOrganizationRequest { Id = branch.Id, Name = "新支部", EffectiveOn = "2022-01-01" }, AsGroupAdmin()).ResponseAsync;
        await _host.Client<OrganizationService.OrganizationServiceClient>().MoveOrganizationAsync(new MoveOrganizationRequest { Id = branch.Id, NewParentId = g2.Id, EffectiveOn = "2023-01-01" }, AsGroupAdmin()).ResponseAsync;
        await _host.Client<OrganizationService.OrganizationServiceClient>().DissolveOrganizationAsync(new DissolveOrganizationRequest { Id = g1.Id, EffectiveOn = "2024-01-01" }, AsGroupAdmin()).ResponseAsync;

        (await TreeAsOfAsync(s, "2019-12-31")).Should().BeEmpty();
        (await TreeAsOfAsync(s, "2020-06-30")).Select(o => o.Name).Should().BeEquivalentTo("党委", "一总支");
        var in2021 = await TreeAsOfAsync(s, "2021-12-31");
        in2021.Single(o => o.Id == branch.Id).Should().Match<ContractOrganization>(o => o.Name == "老支部" && o.ParentId == g1.Id);
        in2021.Single(o => o.Id == group.Id).Path.Should().Be($"{committee.Id}/{g1.Id}/{branch.Id}/{group.Id}");
        (await TreeAsOfAsync(s, "2022-06-30")).Single(o => o.Id == branch.Id).Should().Match<ContractOrganization>(o => o.Name == "新支部" && o.ParentId == g1.Id);
        var in2023 = await TreeAsOfAsync(s, "2023-06-30");
        in2023.Single(o => o.Id == group.Id).Path.Should().Be($"{committee.Id}/{g2.Id}/{branch.Id}/{group.Id}");
        in2023.Should().Contain(o => o.Id == g1.Id);
        var later = await TreeAsOfAsync(s, "2024-01-01");
        later.Should().NotContain(o => o.Id == g1.Id);
        later.Select(o => (o.Id, o.Path)).Should().BeEquivalentTo((await ListAsync(s)).Select(o => (o.Id, o.Path)), "the tree of today agrees with the current rows");
    }

    [Fact]
    public async Task A_merge_moves_children_and_members_to_the_target_ends_roles_and_the_source()
    {
        var s = await SubsidiaryAsync("HMG1");
        var committee = await CreateAsync(s, OrganizationKind.Committee, "党委");
        var source = await CreateAsync(s, OrganizationKind.GeneralBranch, "一总支", committee.Id);
        var target = await CreateAsync(s, OrganizationKind.GeneralBranch, "二总支", committee.Id);
        var branch = await CreateAsync(s, OrganizationKind.Branch, "支部", source.Id);
        var group = await CreateAsync(s, OrganizationKind.Group, "小组", branch.Id);
        var member = await MemberAsync(s, source.Id, "张三");
        var secretary = await _host.Client<PeopleService.PeopleServiceClient>().AssignRoleAsync(new AssignRoleRequest
        {
            PersonId = member.Id, OrganizationId = source.Id, Role = OrganizationRoleKind.Secretary, StartsOn = "2021-01-01",
        }, AsGroupAdmin()).ResponseAsync;

        var merged = await _host.Client<OrganizationService.OrganizationServiceClient>().MergeOrganizationAsync(new MergeOrganizationRequest
        {
            Id = source.Id, TargetId = target.Id, EffectiveOn = "2025-03-01", ExpectedVersion = source.Version,
        }, AsGroupAdmin()).ResponseAsync;

        merged.Should().Match<ContractOrganization>(o => o.Status == OrganizationStatus.Merged && o.MergedIntoId == target.Id && o.EndedOn == "2025-03-01");
        (await GetAsync(branch.Id)).Should().Match<ContractOrganization>(o => o.ParentId == target.Id && o.Path == $"{committee.Id}/{target.Id}/{branch.Id}");
        (await GetAsync(group.Id)).Path.Should().Be($"{committee.Id}/{target.Id}/{branch.Id}/{group.Id}", "grandchildren follow");
        var person = await PersonAsync(member.Id);
        person.Membership.OrganizationId.Should().Be(target.Id);
        person.MembershipHistory.Should().HaveCount(2, "the transfer keeps the old period");
        person.MembershipHistory[0].Should().Match<MembershipPeriod>(p => p.OrganizationId == source.Id && p.To == "2025-03-01");
        person.Roles.Single(r => r.Id == secretary.Roles[0].Id).EndsOn.Should().Be("2025-03-01");
        (await ListAsync(s)).Should().NotContain(o => o.Id == source.Id, "ended organizations are hidden by default");
        (await ListAsync(s, includeEnded: true)).Should().Contain(o => o.Id == source.Id);
        (await OutboxCountAsync("OrganizationsMerged")).Should().Be(1);
        (await OutboxCountAsync("MemberTransferred")).Should().Be(1);
        (await OutboxCountAsync("RoleEnded")).Should().Be(1);
        var targetHistory = await _host.Client<OrganizationService.OrganizationServiceClient>().GetOrganizationHistoryAsync(new GetOrganizationHistoryRequest { Id = target.Id }, AsGroupAdmin()).ResponseAsync;
        targetHistory.Changes[0].Should().Match<OrganizationChange>(c => c.Kind == OrganizationChangeKind.Absorbed && c.MergedFromId == source.Id);

        var newcomer = await _host.Client<PeopleService.PeopleServiceClient>().RegisterPersonAsync(new RegisterPersonRequest { SubsidiaryId = s, Name = "李四", Kind = PersonKind.Employee }, AsGroupAdmin()).ResponseAsync;
        var intoEnded = () => _host.Client<PeopleService.PeopleServiceClient>().JoinPartyAsync(new JoinPartyRequest
        {
            PersonId = newcomer.Id,
            OrganizationId = source.Id, JoinedOn = "2025-04-01", Status = MembershipStatus.Full,
        }, AsGroupAdmin()).ResponseAsync;
        (await intoEnded.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task A_merge_into_a_descendant_or_with_children_that_cannot_stand_there_is_rejected_and_writes_nothing()
    {
        var s = await SubsidiaryAsync("HMG2");
        var committee = await CreateAsync(s, OrganizationKind.Committee, "党委");
        var branch = await CreateAsync(s, OrganizationKind.Branch, "支部", committee.Id);
        await CreateAsync(s, OrganizationKind.Group, "小组", branch.Id);
        var general = await CreateAsync(s, OrganizationKind.GeneralBranch, "总支", committee.Id);

        var intoDescendant = () => _host.Client<OrganizationService.OrganizationServiceClient>().MergeOrganizationAsync(new MergeOrganizationRequest { Id = committee.Id, TargetId = branch.Id }, AsGroupAdmin()).ResponseAsync;
        var badKinds = () => _host.Client<OrganizationService.OrganizationServiceClient>().MergeOrganizationAsync(new MergeOrganizationRequest { Id = branch.Id, TargetId = general.Id }, AsGroupAdmin()).ResponseAsync;

        FieldErrors.From((await intoDescendant.Should().ThrowAsync<RpcException>()).Which).Should().ContainKey("targetId");
        FieldErrors.From((await badKinds.Should().ThrowAsync<RpcException>()).Which).Should().ContainKey("targetId");
        (await ListAsync(s)).Should().HaveCount(4).And.OnlyContain(o => o.Status == OrganizationStatus.Active);
        (await OutboxCountAsync("OrganizationsMerged")).Should().Be(0);
        (await OutboxCountAsync("OrganizationMoved")).Should().Be(0);
    }

    [Fact]
    public async Task Dissolving_asks_to_move_children_and_members_first_then_ends_the_organization()
    {
        var s = await SubsidiaryAsync("HDS1");
        var committee = await CreateAsync(s, OrganizationKind.Committee, "党委");
        var other = await CreateAsync(s, OrganizationKind.Committee, "另一党委");
        var branch = await CreateAsync(s, OrganizationKind.Branch, "支部", committee.Id);
        var member = await MemberAsync(s, committee.Id, "王五");

        var withChild = (await ((Func<Task>)(() => _host.Client<OrganizationService.OrganizationServiceClient>().DissolveOrganizationAsync(new DissolveOrganizationRequest { Id = committee.Id }, AsGroupAdmin()).ResponseAsync)).Should().ThrowAsync<RpcException>()).Which;
        withChild.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        FieldErrors.From(withChild).Should().ContainKey("children");

        await _host.Client<OrganizationService.OrganizationServiceClient>().MoveOrganizationAsync(new MoveOrganizationRequest { Id = branch.Id, NewParentId = other.Id }, AsGroupAdmin()).ResponseAsync;
        var withMember = (await ((Func<Task>)(() => _host.Client<OrganizationService.OrganizationServiceClient>().DissolveOrganizationAsync(new DissolveOrganizationRequest { Id = committee.Id }, AsGroupAdmin()).ResponseAsync)).Should().ThrowAsync<RpcException>()).Which;
        FieldErrors.From(withMember).Should().ContainKey("members");
        (await OutboxCountAsync("OrganizationDissolved")).Should().Be(0);

        await _host.Client<PeopleService.PeopleServiceClient>().TransferMemberAsync(new TransferMemberRequest
        {
            PersonId = member.Id, ToOrganizationId = other.Id, TransferredOn = "2024-01-01",
        }, AsGroupAdmin()).ResponseAsync;
        var dissolved = await _host.Client<OrganizationService.OrganizationServiceClient>().DissolveOrganizationAsync(new DissolveOrganizationRequest { Id = committee.Id, ExpectedVersion = 1 }, AsGroupAdmin()).ResponseAsync;

        dissolved.Status.Should().Be(OrganizationStatus.Dissolved);
        (await OutboxCountAsync("OrganizationDissolved")).Should().Be(1);
        (await ListAsync(s)).Select(o => o.Id).Should().BeEquivalentTo([other.Id, branch.Id]);
        var moveBack = () => _host.Client<OrganizationService.OrganizationServiceClient>().MoveOrganizationAsync(new MoveOrganizationRequest { Id = branch.Id, NewParentId = committee.Id }, AsGroupAdmin()).ResponseAsync;
        FieldErrors.From((await moveBack.Should().ThrowAsync<RpcException>()).Which).Should().ContainKey("newParentId");
    }

    [Fact]
    public async Task The_path_of_an_organization_runs_from_the_root_and_subtree_counts_include_members()
    {
        var s = await SubsidiaryAsync("HPT1");
        var committee = await CreateAsync(s, OrganizationKind.Committee, "党委");
        var general = await CreateAsync(s, OrganizationKind.GeneralBranch, "总支", committee.Id);
        var b1 = await CreateAsync(s, OrganizationKind.Branch, "支部一", general.Id);
        var b2 = await CreateAsync(s, OrganizationKind.Branch, "支部二", general.Id);
        var group = await CreateAsync(s, OrganizationKind.Group, "小组", b1.Id);
        await CreateAsync(s, OrganizationKind.Branch, "直属支部", committee.Id);
        await MemberAsync(s, b1.Id, "甲");
        await MemberAsync(s, group.Id, "乙");
        await MemberAsync(s, committee.Id, "丙");

        var path = await _host.Client<OrganizationService.OrganizationServiceClient>().GetOrganizationPathAsync(new GetOrganizationPathRequest { Id = group.Id }, AsGroupAdmin()).ResponseAsync;
        path.Items.Select(o => o.Name).Should().Equal("党委", "总支", "支部一", "小组");

        var counts = await _host.Client<OrganizationService.OrganizationServiceClient>().GetSubtreeCountsAsync(new GetSubtreeCountsRequest { Id = general.Id }, AsGroupAdmin()).ResponseAsync;
        (counts.Organizations, counts.GeneralBranches, counts.Branches, counts.Groups, counts.Members).Should().Be((4, 1, 2, 1, 2));
        (await ListAsync(s, subtreeOf: general.Id)).Select(o => o.Id).Should().BeEquivalentTo([general.Id, b1.Id, b2.Id, group.Id]);
    }

    [Fact]
    public async Task A_merge_dated_before_a_member_joined_is_a_field_error_and_nothing_moves()
    {
        var s = await SubsidiaryAsync("HMG3");
        var committee = await CreateAsync(s, OrganizationKind.Committee, "党委");
        var source = await CreateAsync(s, OrganizationKind.Branch, "甲支部", committee.Id);
        var target = await CreateAsync(s, OrganizationKind.Branch, "乙支部", committee.Id);
        var member = await MemberAsync(s, source.Id, "赵六", joinedOn: "2024-05-01");

        var early = () => _host.Client<OrganizationService.OrganizationServiceClient>().MergeOrganizationAsync(new MergeOrganizationRequest { Id = source.Id, TargetId = target.Id, EffectiveOn = "2024-04-30" }, AsGroupAdmin()).ResponseAsync;

        var rejected = (await early.Should().ThrowAsync<RpcException>()).Which;
        rejected.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        FieldErrors.From(rejected)["effectiveOn"].Single().Should().Contain("赵六");
        (await GetAsync(source.Id)).Status.Should().Be(OrganizationStatus.Active);
        (await PersonAsync(member.Id)).Membership.OrganizationId.Should().Be(source.Id);
        (await OutboxCountAsync("OrganizationsMerged")).Should().Be(0);
        (await OutboxCountAsync("MemberTransferred")).Should().Be(0);
    }

    [Fact]
    public async Task A_child_created_while_its_parent_is_dissolved_never_ends_up_under_a_dissolved_parent()
    {
        var s = await SubsidiaryAsync("HRC1");
        for (var round = 0; round < 6; round++)
        {
            var committee = await CreateAsync(s, OrganizationKind.Committee, $"党委{round}");
            var create = CreateAsync(s, OrganizationKind.Branch, $"支部{round}", committee.Id);
            var dissolve = _host.Client<OrganizationService.OrganizationServiceClient>().DissolveOrganizationAsync(new DissolveOrganizationRequest { Id = committee.Id }, AsGroupAdmin()).ResponseAsync;
            var outcomes = await Task.WhenAll(Succeeded(create), Succeeded(dissolve));

            outcomes.Should().ContainSingle(ok => ok, "exactly one of the two wins, whichever comes first");
            var children = await InDatabase(db => db.Organizations.CountAsync(o => o.ParentId == Guid.Parse(committee.Id)));
            var parent = await GetAsync(committee.Id);
            if (parent.Status == OrganizationStatus.Dissolved) children.Should().Be(0, "a dissolved organization has no child");
            else children.Should().Be(1, "the dissolve was refused because of the child");
        }

        static async Task<bool> Succeeded(Task call)
        {
            try
            {
                await call;
                return true;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                return false;
            }
        }
    }
}
