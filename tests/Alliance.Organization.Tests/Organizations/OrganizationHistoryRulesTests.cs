using Alliance.ServiceDefaults.Time;
using Alliance.Organization.Organizations;

namespace Alliance.Organization.Tests.Organizations;

/// <summary>Effective dating, merge and dissolve rules of the party tree, and the tree of a past day rebuilt from the changes.</summary>
public class OrganizationHistoryRulesTests
{
    // 2026-11-21 20:00 UTC is already 2026-11-22 in China: "today" is the group's calendar day.
    static readonly DateTimeOffset Now = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);
    static readonly DateOnly Today = new(2026, 11, 22);
    static readonly Guid Subsidiary = Guid.NewGuid();

    static PartyOrganization Org(OrganizationKind kind, PartyOrganization? parent = null, DateOnly? on = null, string? name = null) =>
        PartyOrganization.Create(Subsidiary, parent, name ?? kind + " org", kind, on ?? new DateOnly(2020, 1, 1), Now, "tester");

    [Fact]
    public void Today_is_the_day_in_China_time()
    {
        GroupCalendar.DayOf(Now).Should().Be(Today);
        var created = PartyOrganization.Create(Subsidiary, null, "党委", OrganizationKind.Committee, Now);
        created.CreatedOn.Should().Be(Today);
    }

    [Fact]
    public void A_creation_is_recorded_with_its_date_name_and_parent()
    {
        var committee = Org(OrganizationKind.Committee, on: new DateOnly(2020, 1, 1));
        var branch = Org(OrganizationKind.Branch, committee, new DateOnly(2021, 3, 1), "第一党支部");

        var change = branch.Changes.Should().ContainSingle().Subject;
        (change.Kind, change.EffectiveOn, change.NewName, change.NewParentId, change.RecordedBy)
            .Should().Be((OrganizationChangeKind.Created, new DateOnly(2021, 3, 1), "第一党支部", committee.Id, "tester"));
        branch.CreatedOn.Should().Be(new DateOnly(2021, 3, 1));
        branch.LastChangedOn.Should().Be(new DateOnly(2021, 3, 1));
    }

    [Fact]
    public void A_child_cannot_be_created_before_its_parent()
    {
        var committee = Org(OrganizationKind.Committee, on: new DateOnly(2022, 1, 1));
        var act = () => Org(OrganizationKind.Branch, committee, new DateOnly(2021, 12, 31));
        act.Should().Throw<OrganizationRuleException>().Which.Field.Should().Be("effectiveOn");
    }

    [Fact]
    public void A_change_cannot_be_dated_in_the_future()
    {
        var committee = Org(OrganizationKind.Committee);
        var act = () => committee.Rename("新名", Today.AddDays(1), Now, null);
        act.Should().Throw<OrganizationRuleException>().Which.Field.Should().Be("effectiveOn");
        committee.Name.Should().Be("Committee org");
    }

    [Fact]
    public void A_change_cannot_be_dated_before_the_creation_or_the_last_change()
    {
        var committee = Org(OrganizationKind.Committee, on: new DateOnly(2020, 1, 1));
        var beforeCreation = () => committee.Rename("更早", new DateOnly(2019, 12, 31), Now, null);
        beforeCreation.Should().Throw<OrganizationRuleException>().WithMessage("*created*");

        committee.Rename("第二个名字", new DateOnly(2023, 5, 1), Now, null);
        var beforeLast = () => committee.Rename("第三个名字", new DateOnly(2023, 4, 30), Now, null);

        beforeLast.Should().Throw<OrganizationRuleException>().WithMessage("*last change*");
        committee.Name.Should().Be("第二个名字");
        committee.Version.Should().Be(2);
    }

    [Fact]
    public void Changes_on_the_same_day_as_the_last_are_allowed()
    {
        var committee = Org(OrganizationKind.Committee, on: new DateOnly(2020, 1, 1));
        committee.Rename("甲", new DateOnly(2020, 1, 1), Now, null);
        committee.Rename("乙", new DateOnly(2020, 1, 1), Now, null);
        committee.Name.Should().Be("乙");
        committee.Changes.Select(c => c.Kind).Should().Equal(OrganizationChangeKind.Created, OrganizationChangeKind.Renamed, OrganizationChangeKind.Renamed);
    }

    [Fact]
    public void A_rename_records_the_old_and_new_name()
    {
        var committee = Org(OrganizationKind.Committee, name: "机关党委");
        committee.Rename("  机关第一党委 ", new DateOnly(2024, 7, 1), Now, "admin");
        var change = committee.Changes[^1];
        (change.Kind, change.OldName, change.NewName, change.EffectiveOn).Should()
            .Be((OrganizationChangeKind.Renamed, "机关党委", "机关第一党委", new DateOnly(2024, 7, 1)));
        committee.Name.Should().Be("机关第一党委");
    }

    [Fact]
    public void Renaming_to_the_same_name_is_rejected()
    {
        var committee = Org(OrganizationKind.Committee, name: "机关党委");
        var act = () => committee.Rename("机关党委", Today, Now, null);
        act.Should().Throw<OrganizationRuleException>().Which.Field.Should().Be("name");
    }

    [Fact]
    public void A_move_is_dated_and_records_old_and_new_parent()
    {
        var a = Org(OrganizationKind.Committee);
        var b = Org(OrganizationKind.Committee, on: new DateOnly(2022, 1, 1));
        var branch = Org(OrganizationKind.Branch, a);

        var tooEarly = () => branch.MoveUnder(b, new DateOnly(2021, 6, 1), Now, null);
        tooEarly.Should().Throw<OrganizationRuleException>().WithMessage("*new parent was created*");

        branch.MoveUnder(b, new DateOnly(2022, 2, 1), Now, null);
        var change = branch.Changes[^1];
        (change.Kind, change.OldParentId, change.NewParentId).Should().Be((OrganizationChangeKind.Moved, a.Id, b.Id));
        branch.LastChangedOn.Should().Be(new DateOnly(2022, 2, 1));
    }

    [Fact]
    public void A_move_into_a_descendant_is_a_cycle_even_when_dated()
    {
        var top = Org(OrganizationKind.Committee);
        var below = Org(OrganizationKind.Committee, top);
        var act = () => top.MoveUnder(below, Today, Now, null);
        act.Should().Throw<OrganizationRuleException>().WithMessage("*descendants*");
        top.Changes.Should().ContainSingle("the rejected move is not recorded");
    }

    [Fact]
    public void A_merge_moves_the_children_under_the_target_and_ends_the_source()
    {
        var committee = Org(OrganizationKind.Committee);
        var source = Org(OrganizationKind.GeneralBranch, committee, name: "一总支");
        var target = Org(OrganizationKind.GeneralBranch, committee, name: "二总支");
        var b1 = Org(OrganizationKind.Branch, source);
        var b2 = Org(OrganizationKind.Branch, source);
        var on = new DateOnly(2025, 1, 1);

        var moved = source.MergeInto(target, [b1, b2], on, Now, "admin");

        moved.Select(m => m.Child).Should().Equal(b1, b2);
        moved[0].OldPath.Should().Be($"{committee.Id}/{source.Id}/{b1.Id}");
        b1.ParentId.Should().Be(target.Id);
        b1.Path.Should().Be($"{target.Path}/{b1.Id}");
        b2.Changes[^1].Kind.Should().Be(OrganizationChangeKind.Moved);
        (source.Status, source.MergedIntoId, source.EndedOn).Should().Be((OrganizationStatus.Merged, target.Id, on));
        source.Changes[^1].Should().Match<OrganizationChange>(c => c.Kind == OrganizationChangeKind.Merged && c.MergedIntoId == target.Id);
        target.Changes[^1].Should().Match<OrganizationChange>(c => c.Kind == OrganizationChangeKind.Absorbed && c.MergedFromId == source.Id);
    }

    [Fact]
    public void An_organization_cannot_merge_into_itself_or_a_descendant()
    {
        var committee = Org(OrganizationKind.Committee);
        var inner = Org(OrganizationKind.Committee, committee);
        var self = () => committee.MergeInto(committee, [inner], Today, Now, null);
        self.Should().Throw<OrganizationRuleException>().Which.Field.Should().Be("targetId");
        var descendant = () => committee.MergeInto(inner, [inner], Today, Now, null);
        descendant.Should().Throw<OrganizationRuleException>().WithMessage("*descendants*");
        committee.IsActive.Should().BeTrue();
    }

    [Fact]
    public void A_merge_whose_children_could_not_stand_under_the_target_is_rejected()
    {
        var committee = Org(OrganizationKind.Committee);
        var source = Org(OrganizationKind.Branch, committee);
        var group = Org(OrganizationKind.Group, source);
        var target = Org(OrganizationKind.GeneralBranch, committee);

        var act = () => source.MergeInto(target, [group], Today, Now, null);

        act.Should().Throw<OrganizationRuleException>().WithMessage("*Group*cannot stand under a GeneralBranch*");
        group.ParentId.Should().Be(source.Id);
        source.IsActive.Should().BeTrue();
    }

    [Fact]
    public void A_merge_cannot_be_dated_before_the_targets_last_change()
    {
        var committee = Org(OrganizationKind.Committee);
        var source = Org(OrganizationKind.Branch, committee);
        var target = Org(OrganizationKind.Branch, committee);
        target.Rename("改名后的支部", new DateOnly(2024, 1, 1), Now, null);
        var act = () => source.MergeInto(target, [], new DateOnly(2023, 12, 31), Now, null);
        act.Should().Throw<OrganizationRuleException>().WithMessage("*target's last change*");
    }

    [Fact]
    public void Dissolving_requires_no_active_children_and_no_members()
    {
        var committee = Org(OrganizationKind.Committee);
        var withChildren = () => committee.Dissolve(2, 0, Today, Now, null);
        withChildren.Should().Throw<OrganizationRuleException>().Where(e => e.Field == "children" && e.Message.Contains('2'));
        var withMembers = () => committee.Dissolve(0, 5, Today, Now, null);
        withMembers.Should().Throw<OrganizationRuleException>().Where(e => e.Field == "members" && e.Message.Contains("transfer"));

        committee.Dissolve(0, 0, new DateOnly(2025, 6, 30), Now, "admin");

        (committee.Status, committee.EndedOn).Should().Be((OrganizationStatus.Dissolved, new DateOnly(2025, 6, 30)));
        committee.Changes[^1].Kind.Should().Be(OrganizationChangeKind.Dissolved);
    }

    [Fact]
    public void An_ended_organization_takes_no_children_moves_or_further_changes()
    {
        var committee = Org(OrganizationKind.Committee);
        var other = Org(OrganizationKind.Committee);
        var branch = Org(OrganizationKind.Branch, other);
        committee.Dissolve(0, 0, new DateOnly(2025, 1, 1), Now, null);

        ((Action)(() => Org(OrganizationKind.Branch, committee))).Should().Throw<OrganizationRuleException>().Which.Field.Should().Be("parentId");
        ((Action)(() => branch.MoveUnder(committee, Today, Now, null))).Should().Throw<OrganizationRuleException>().WithMessage("*dissolved*");
        ((Action)(() => committee.MoveUnder(other, Today, Now, null))).Should().Throw<OrganizationRuleException>().Which.Field.Should().Be("id");
        ((Action)(() => committee.Rename("复活", Today, Now, null))).Should().Throw<OrganizationRuleException>();
        ((Action)(() => committee.Dissolve(0, 0, Today, Now, null))).Should().Throw<OrganizationRuleException>();
        ((Action)(() => branch.MergeInto(committee, [], Today, Now, null))).Should().Throw<OrganizationRuleException>().Which.Field.Should().Be("targetId");
    }

    [Fact]
    public void The_tree_of_a_past_day_shows_the_names_parents_and_organizations_of_that_day()
    {
        var committee = Org(OrganizationKind.Committee, on: new DateOnly(2020, 1, 1), name: "党委");
        var g1 = Org(OrganizationKind.GeneralBranch, committee, new DateOnly(2020, 1, 1), "一总支");
        var g2 = Org(OrganizationKind.GeneralBranch, committee, new DateOnly(2020, 1, 1), "二总支");
        var branch = Org(OrganizationKind.Branch, g1, new DateOnly(2021, 1, 1), "老支部");
        branch.Rename("新支部", new DateOnly(2022, 1, 1), Now, null);
        branch.MoveUnder(g2, new DateOnly(2023, 1, 1), Now, null);
        g1.Dissolve(0, 0, new DateOnly(2024, 1, 1), Now, null);
        var all = new[] { committee, g1, g2, branch };
        var changes = all.SelectMany(o => o.Changes).ToList();
        var kinds = all.ToDictionary(o => o.Id, o => o.Kind);

        PastTree.TreeAsOf(changes, kinds, new DateOnly(2019, 12, 31)).Should().BeEmpty();
        PastTree.TreeAsOf(changes, kinds, new DateOnly(2020, 6, 1)).Select(o => o.Name).Should().BeEquivalentTo("党委", "一总支", "二总支");

        var in2021 = PastTree.TreeAsOf(changes, kinds, new DateOnly(2021, 12, 31)).Single(o => o.Id == branch.Id);
        (in2021.Name, in2021.ParentId, in2021.Path, in2021.Depth).Should().Be(("老支部", g1.Id, $"{committee.Id}/{g1.Id}/{branch.Id}", 2));

        var in2022 = PastTree.TreeAsOf(changes, kinds, new DateOnly(2022, 1, 1)).Single(o => o.Id == branch.Id);
        (in2022.Name, in2022.ParentId).Should().Be(("新支部", g1.Id));

        var in2023 = PastTree.TreeAsOf(changes, kinds, new DateOnly(2023, 6, 1));
        in2023.Single(o => o.Id == branch.Id).ParentId.Should().Be(g2.Id);
        in2023.Should().Contain(o => o.Id == g1.Id, "the general branch still existed");

        var now = PastTree.TreeAsOf(changes, kinds, Today);
        now.Should().NotContain(o => o.Id == g1.Id, "it was dissolved");
        now.Select(o => o.Path).Should().BeInAscendingOrder(StringComparer.Ordinal);
        now.Single(o => o.Id == branch.Id).Path.Should().Be(branch.Path, "today's rebuilt tree agrees with the current rows");
    }
}
