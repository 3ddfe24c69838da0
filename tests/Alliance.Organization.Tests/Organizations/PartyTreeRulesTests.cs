using Alliance.Organization.Organizations;

namespace Alliance.Organization.Tests.Organizations;

public class PartyTreeRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    static readonly DateOnly Today = new(2026, 11, 22);
    static readonly Guid Subsidiary = Guid.NewGuid();

    static PartyOrganization Org(OrganizationKind kind, PartyOrganization? parent = null, Guid? subsidiary = null) =>
        PartyOrganization.Create(subsidiary ?? Subsidiary, parent, kind + " org", kind, Now);

    [Fact]
    public void A_root_committee_has_its_own_id_as_path_and_depth_zero()
    {
        var committee = Org(OrganizationKind.Committee);
        committee.Path.Should().Be(committee.Id.ToString());
        committee.Depth.Should().Be(0);
        committee.ParentId.Should().BeNull();
        committee.Version.Should().Be(1);
    }

    [Fact]
    public void A_child_path_extends_its_parents_path()
    {
        var committee = Org(OrganizationKind.Committee);
        var general = Org(OrganizationKind.GeneralBranch, committee);
        var branch = Org(OrganizationKind.Branch, general);
        branch.Path.Should().Be($"{committee.Id}/{general.Id}/{branch.Id}");
        branch.Depth.Should().Be(2);
        branch.ParentId.Should().Be(general.Id);
    }

    [Theory]
    [InlineData(OrganizationKind.Committee, null, true)]
    [InlineData(OrganizationKind.Committee, OrganizationKind.Committee, true)]
    [InlineData(OrganizationKind.Committee, OrganizationKind.Branch, false)]
    [InlineData(OrganizationKind.GeneralBranch, OrganizationKind.Committee, true)]
    [InlineData(OrganizationKind.GeneralBranch, OrganizationKind.GeneralBranch, false)]
    [InlineData(OrganizationKind.Branch, OrganizationKind.GeneralBranch, true)]
    [InlineData(OrganizationKind.Branch, OrganizationKind.Committee, true)]
    [InlineData(OrganizationKind.Branch, OrganizationKind.Group, false)]
    [InlineData(OrganizationKind.Group, OrganizationKind.Branch, true)]
    [InlineData(OrganizationKind.Group, null, false)]
    [InlineData(OrganizationKind.Group, OrganizationKind.Committee, false)]
    public void Which_kind_may_stand_under_which(OrganizationKind child, OrganizationKind? parent, bool allowed) =>
        child.MayStandUnder(parent).Should().Be(allowed);

    [Fact]
    public void A_branch_cannot_be_created_under_a_group()
    {
        var branch = Org(OrganizationKind.Branch);
        var group = Org(OrganizationKind.Group, branch);
        var act = () => Org(OrganizationKind.Branch, group);
        act.Should().Throw<OrganizationRuleException>().Which.Field.Should().Be("kind");
    }

    [Fact]
    public void A_parent_in_another_subsidiary_is_rejected()
    {
        var elsewhere = Org(OrganizationKind.Committee, subsidiary: Guid.NewGuid());
        var act = () => Org(OrganizationKind.Branch, elsewhere);
        act.Should().Throw<OrganizationRuleException>().Which.Field.Should().Be("parentId");
    }

    [Fact]
    public void Moving_under_a_descendant_is_a_cycle_and_is_rejected()
    {
        var top = Org(OrganizationKind.Committee);
        var middle = Org(OrganizationKind.Committee, top);
        var bottom = Org(OrganizationKind.Committee, middle);
        var act = () => top.MoveUnder(bottom, Today, Now, null);
        act.Should().Throw<OrganizationRuleException>().WithMessage("*descendants*");
        top.ParentId.Should().BeNull("a rejected move changes nothing");
        top.Version.Should().Be(1);
    }

    [Fact]
    public void Moving_under_itself_is_rejected()
    {
        var committee = Org(OrganizationKind.Committee);
        var act = () => committee.MoveUnder(committee, Today, Now, null);
        act.Should().Throw<OrganizationRuleException>();
    }

    [Fact]
    public void A_move_rewrites_path_depth_and_bumps_the_version()
    {
        var a = Org(OrganizationKind.Committee);
        var b = Org(OrganizationKind.Committee);
        var general = Org(OrganizationKind.GeneralBranch, a);
        var branch = Org(OrganizationKind.Branch, general);

        var oldPath = branch.MoveUnder(b, Today, Now, null);

        oldPath.Should().Be($"{a.Id}/{general.Id}/{branch.Id}");
        branch.Path.Should().Be($"{b.Id}/{branch.Id}");
        branch.Depth.Should().Be(1);
        branch.ParentId.Should().Be(b.Id);
        branch.Version.Should().Be(2);
    }

    [Fact]
    public void A_group_cannot_move_under_a_committee()
    {
        var committee = Org(OrganizationKind.Committee);
        var branch = Org(OrganizationKind.Branch, committee);
        var group = Org(OrganizationKind.Group, branch);
        var act = () => group.MoveUnder(committee, Today, Now, null);
        act.Should().Throw<OrganizationRuleException>().Which.Field.Should().Be("newParentId");
    }
}
