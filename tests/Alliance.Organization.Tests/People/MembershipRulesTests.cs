using Alliance.Organization.People;

namespace Alliance.Organization.Tests.People;

public class MembershipRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    static readonly DateOnly Today = new(2026, 11, 22);
    static readonly Guid BranchA = Guid.NewGuid();
    static readonly Guid BranchB = Guid.NewGuid();
    static readonly Guid BranchC = Guid.NewGuid();

    static Person NewPerson() => Person.Register(Guid.NewGuid(), " 张三 ", PersonKind.Employee, null, null, Now);

    static Person Member(MembershipStatus status = MembershipStatus.Full, DateOnly? joinedOn = null)
    {
        var person = NewPerson();
        person.Join(BranchA, joinedOn ?? new DateOnly(2020, 7, 1), status, Today);
        return person;
    }

    [Fact]
    public void A_registered_person_has_a_trimmed_name_no_membership_and_version_one()
    {
        var person = NewPerson();
        person.Name.Should().Be("张三");
        person.CurrentMembership.Should().BeNull();
        person.IsMember.Should().BeFalse();
        person.Version.Should().Be(1);
    }

    [Fact]
    public void Joining_opens_a_current_period_in_the_organization()
    {
        var person = Member(MembershipStatus.Probationary, new DateOnly(2025, 7, 1));
        person.CurrentMembership!.OrganizationId.Should().Be(BranchA);
        person.CurrentMembership.Status.Should().Be(MembershipStatus.Probationary);
        person.CurrentMembership.From.Should().Be(new DateOnly(2025, 7, 1));
        person.CurrentMembership.To.Should().BeNull();
    }

    [Fact]
    public void Joining_twice_is_rejected()
    {
        var person = Member();
        var act = () => person.Join(BranchB, Today, MembershipStatus.Full, Today);
        act.Should().Throw<PeopleRuleException>().Which.Field.Should().Be("organizationId");
    }

    [Fact]
    public void Joining_in_the_future_or_as_transferred_out_is_rejected()
    {
        var person = NewPerson();
        FluentActions.Invoking(() => person.Join(BranchA, Today.AddDays(1), MembershipStatus.Full, Today))
            .Should().Throw<PeopleRuleException>().Which.Field.Should().Be("joinedOn");
        FluentActions.Invoking(() => person.Join(BranchA, Today, MembershipStatus.TransferredOut, Today))
            .Should().Throw<PeopleRuleException>().Which.Field.Should().Be("status");
        person.Memberships.Should().BeEmpty();
    }

    [Fact]
    public void Transfers_keep_the_whole_history_in_order()
    {
        var person = Member(joinedOn: new DateOnly(2018, 1, 1));

        var left = person.Transfer(BranchB, new DateOnly(2021, 3, 1), Today);
        person.Transfer(BranchC, new DateOnly(2024, 9, 1), Today);

        left.Should().Be(BranchA);
        person.Memberships.Select(m => (m.OrganizationId, m.From, m.To)).Should().Equal(
            (BranchA, new DateOnly(2018, 1, 1), (DateOnly?)new DateOnly(2021, 3, 1)),
            (BranchB, new DateOnly(2021, 3, 1), (DateOnly?)new DateOnly(2024, 9, 1)),
            (BranchC, new DateOnly(2024, 9, 1), (DateOnly?)null));
        person.Memberships.Should().OnlyContain(m => m.Status == MembershipStatus.Full);
    }

    [Fact]
    public void A_transfer_to_the_same_organization_is_rejected()
    {
        var person = Member();
        FluentActions.Invoking(() => person.Transfer(BranchA, Today, Today))
            .Should().Throw<PeopleRuleException>().Which.Field.Should().Be("toOrganizationId");
    }

    [Fact]
    public void A_transfer_dated_before_the_current_period_is_rejected_and_changes_nothing()
    {
        var person = Member(joinedOn: new DateOnly(2022, 5, 1));
        person.Transfer(BranchB, new DateOnly(2023, 5, 1), Today);

        var act = () => person.Transfer(BranchC, new DateOnly(2023, 4, 30), Today);

        act.Should().Throw<PeopleRuleException>().Which.Field.Should().Be("transferredOn");
        person.CurrentMembership!.OrganizationId.Should().Be(BranchB);
        person.Memberships.Should().HaveCount(2);
    }

    [Fact]
    public void A_person_who_is_not_a_member_cannot_be_transferred()
    {
        var person = NewPerson();
        FluentActions.Invoking(() => person.Transfer(BranchB, Today, Today)).Should().Throw<PeopleRuleException>();
    }

    [Fact]
    public void A_probationary_member_becomes_full_in_a_new_period_of_the_same_organization()
    {
        var person = Member(MembershipStatus.Probationary, new DateOnly(2025, 6, 1));

        var old = person.ChangeStatus(MembershipStatus.Full, new DateOnly(2026, 6, 1), Today);

        old.Should().Be(MembershipStatus.Probationary);
        person.Memberships.Select(m => (m.Status, m.To)).Should().Equal(
            (MembershipStatus.Probationary, (DateOnly?)new DateOnly(2026, 6, 1)),
            (MembershipStatus.Full, (DateOnly?)null));
        person.CurrentMembership!.OrganizationId.Should().Be(BranchA);
    }

    [Fact]
    public void A_full_member_cannot_become_probationary()
    {
        var person = Member();
        FluentActions.Invoking(() => person.ChangeStatus(MembershipStatus.Probationary, Today, Today))
            .Should().Throw<PeopleRuleException>().Which.Field.Should().Be("status");
    }

    [Fact]
    public void A_transferred_out_member_is_no_longer_a_member_and_may_join_again()
    {
        var person = Member(joinedOn: new DateOnly(2019, 1, 1));
        person.ChangeStatus(MembershipStatus.TransferredOut, new DateOnly(2024, 1, 1), Today);

        person.IsMember.Should().BeFalse();
        FluentActions.Invoking(() => person.Transfer(BranchB, Today, Today)).Should().Throw<PeopleRuleException>();

        person.Join(BranchB, new DateOnly(2025, 1, 1), MembershipStatus.Full, Today);
        person.IsMember.Should().BeTrue();
        person.Memberships.Select(m => m.Status).Should().Equal(MembershipStatus.Full, MembershipStatus.TransferredOut, MembershipStatus.Full);
        person.Memberships.Count(m => m.To is null).Should().Be(1);
    }
}
