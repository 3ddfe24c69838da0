using Alliance.Organization.People;

namespace Alliance.Organization.Tests.People;

public class RoleRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    static readonly DateOnly Today = new(2026, 11, 22);
    static readonly Guid Branch = Guid.NewGuid();

    static Person Member(string? managementPost = null)
    {
        var person = Person.Register(Guid.NewGuid(), "李四", PersonKind.Employee, "E001", managementPost, Now);
        person.Join(Branch, new DateOnly(2015, 7, 1), MembershipStatus.Full, Today);
        return person;
    }

    [Fact]
    public void A_role_needs_a_current_member()
    {
        var person = Person.Register(Guid.NewGuid(), "王五", PersonKind.External, null, null, Now);
        FluentActions.Invoking(() => person.AssignRole(Branch, OrganizationRoleKind.Secretary, Today, null))
            .Should().Throw<PeopleRuleException>().Which.Field.Should().Be("organizationId");
    }

    [Fact]
    public void A_role_that_ends_before_it_starts_is_rejected()
    {
        var person = Member();
        FluentActions.Invoking(() => person.AssignRole(Branch, OrganizationRoleKind.CommitteeMember, new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 1)))
            .Should().Throw<PeopleRuleException>().Which.Field.Should().Be("endsOn");
        person.Roles.Should().BeEmpty();
    }

    [Fact]
    public void The_same_role_in_the_same_organization_may_not_overlap_but_may_follow()
    {
        var person = Member();
        person.AssignRole(Branch, OrganizationRoleKind.Secretary, new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 31));

        FluentActions.Invoking(() => person.AssignRole(Branch, OrganizationRoleKind.Secretary, new DateOnly(2022, 12, 31), null))
            .Should().Throw<PeopleRuleException>();
        person.AssignRole(Branch, OrganizationRoleKind.Secretary, new DateOnly(2023, 1, 1), null);
        person.AssignRole(Branch, OrganizationRoleKind.CommitteeMember, new DateOnly(2021, 1, 1), null);

        person.Roles.Should().HaveCount(3);
    }

    [Fact]
    public void Ending_a_role_sets_its_end_and_it_is_no_longer_active_after()
    {
        var person = Member();
        var role = person.AssignRole(Branch, OrganizationRoleKind.DeputySecretary, new DateOnly(2024, 1, 1), null);

        person.EndRole(role.Id, new DateOnly(2026, 3, 31));

        role.EndsOn.Should().Be(new DateOnly(2026, 3, 31));
        role.IsActiveOn(new DateOnly(2026, 3, 31)).Should().BeTrue();
        role.IsActiveOn(new DateOnly(2026, 4, 1)).Should().BeFalse();
    }

    [Fact]
    public void Ending_a_role_before_it_starts_or_after_it_ended_is_rejected()
    {
        var person = Member();
        var role = person.AssignRole(Branch, OrganizationRoleKind.CommitteeMember, new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1));

        FluentActions.Invoking(() => person.EndRole(role.Id, new DateOnly(2023, 12, 31))).Should().Throw<PeopleRuleException>();
        FluentActions.Invoking(() => person.EndRole(role.Id, new DateOnly(2025, 6, 1))).Should().Throw<PeopleRuleException>().Which.Field.Should().Be("roleId");
        FluentActions.Invoking(() => person.EndRole(Guid.NewGuid(), Today)).Should().Throw<PeopleRuleException>().Which.Field.Should().Be("roleId");
        role.EndsOn.Should().Be(new DateOnly(2025, 1, 1));
    }

    [Fact]
    public void Transferring_out_ends_the_roles_the_membership_carried()
    {
        var person = Member();
        var role = person.AssignRole(Branch, OrganizationRoleKind.Secretary, new DateOnly(2020, 1, 1), null);

        person.ChangeStatus(MembershipStatus.TransferredOut, new DateOnly(2026, 6, 30), Today);

        role.EndsOn.Should().Be(new DateOnly(2026, 6, 30));
    }

    [Fact]
    public void A_current_secretary_with_a_management_post_is_cross_appointed()
    {
        var secretary = Member(managementPost: "副总经理");
        secretary.AssignRole(Branch, OrganizationRoleKind.Secretary, new DateOnly(2024, 1, 1), null);
        var committeeMember = Member(managementPost: "部门经理");
        committeeMember.AssignRole(Branch, OrganizationRoleKind.CommitteeMember, new DateOnly(2024, 1, 1), null);
        var formerSecretary = Member(managementPost: "总经理");
        formerSecretary.AssignRole(Branch, OrganizationRoleKind.Secretary, new DateOnly(2020, 1, 1), new DateOnly(2023, 12, 31));
        var secretaryWithoutPost = Member();
        secretaryWithoutPost.AssignRole(Branch, OrganizationRoleKind.Secretary, new DateOnly(2024, 1, 1), null);

        secretary.IsCrossAppointed(Today).Should().BeTrue();
        committeeMember.IsCrossAppointed(Today).Should().BeFalse();
        formerSecretary.IsCrossAppointed(Today).Should().BeFalse();
        secretaryWithoutPost.IsCrossAppointed(Today).Should().BeFalse();
    }
}
