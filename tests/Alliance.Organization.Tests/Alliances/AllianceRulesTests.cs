using Alliance.Organization.Alliances;

namespace Alliance.Organization.Tests.Alliances;

public class AllianceRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    static readonly DateOnly Formed = new(2026, 1, 1);
    static readonly Guid LeadSubsidiary = Guid.NewGuid();

    static PartyAlliance Form() =>
        PartyAlliance.Form("工程建设联盟", "engineering", "共同推进重点项目", Guid.NewGuid(), LeadSubsidiary, "集团党委", Formed, Now);

    static ExternalUnit Bank(string name = "浦发银行") => new(ExternalUnitKind.Bank, name, "王经理", "13800000000");

    [Fact]
    public void The_lead_unit_is_the_first_member_unit()
    {
        var alliance = Form();
        alliance.Members.Should().ContainSingle().Which.Id.Should().Be(alliance.LeadMemberUnitId);
        alliance.Members[0].SubsidiaryId.Should().Be(LeadSubsidiary);
        alliance.Version.Should().Be(1);
    }

    [Fact]
    public void Units_take_the_chair_in_the_scheduled_order_and_start_over()
    {
        var alliance = Form();
        var lead = alliance.LeadMemberUnitId;
        var bank = alliance.JoinExternal(Bank(), Formed, Now).Id;
        var school = alliance.JoinExternal(new ExternalUnit(ExternalUnitKind.School, "临港中学", "李老师", "021-1"), Formed, Now).Id;

        alliance.ScheduleRotation([bank, lead, school], new DateOnly(2026, 1, 1), 3);

        alliance.RotationPeriods(5).Select(p => p.MemberUnitId).Should().Equal(bank, lead, school, bank, lead);
        alliance.RotationPeriods(2)[1].Should().Be(new RotationPeriod(lead, new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void The_current_chair_and_the_next_in_turn_follow_the_date()
    {
        var alliance = Form();
        var lead = alliance.LeadMemberUnitId;
        var bank = alliance.JoinExternal(Bank(), Formed, Now).Id;
        alliance.ScheduleRotation([lead, bank], new DateOnly(2026, 1, 1), 6);

        var inMay = alliance.RotationOn(new DateOnly(2026, 5, 31));
        inMay.Current!.MemberUnitId.Should().Be(lead);
        inMay.Next!.MemberUnitId.Should().Be(bank);
        inMay.Next.StartsOn.Should().Be(new DateOnly(2026, 7, 1));

        var onTheFirstDayOfTheSecondPeriod = alliance.RotationOn(new DateOnly(2026, 7, 1));
        onTheFirstDayOfTheSecondPeriod.Current!.MemberUnitId.Should().Be(bank);
        onTheFirstDayOfTheSecondPeriod.Next!.MemberUnitId.Should().Be(lead);
    }

    [Fact]
    public void Before_the_schedule_starts_nobody_chairs_and_the_first_unit_is_next()
    {
        var alliance = Form();
        var lead = alliance.LeadMemberUnitId;
        alliance.ScheduleRotation([lead], new DateOnly(2026, 3, 1), 1);

        var outlook = alliance.RotationOn(new DateOnly(2026, 2, 15));

        outlook.Current.Should().BeNull();
        outlook.Next!.MemberUnitId.Should().Be(lead);
    }

    [Fact]
    public void A_unit_that_left_is_skipped_and_the_turn_passes_on()
    {
        var alliance = Form();
        var lead = alliance.LeadMemberUnitId;
        var bank = alliance.JoinExternal(Bank(), Formed, Now).Id;
        var school = alliance.JoinExternal(new ExternalUnit(ExternalUnitKind.School, "临港中学", "李老师", "021-1"), Formed, Now).Id;
        alliance.ScheduleRotation([lead, bank, school], new DateOnly(2026, 1, 1), 1);

        alliance.Leave(bank, new DateOnly(2026, 2, 1));

        alliance.RotationPeriods(4).Select(p => p.MemberUnitId).Should().Equal(lead, school, lead, school);
    }

    [Fact]
    public void The_lead_unit_cannot_leave()
    {
        var alliance = Form();
        var act = () => alliance.Leave(alliance.LeadMemberUnitId, Formed.AddDays(1));
        act.Should().Throw<AllianceRuleException>().Which.Field.Should().Be("memberUnitId");
    }

    [Fact]
    public void A_unit_cannot_join_twice_while_it_is_a_member_but_may_rejoin_after_leaving()
    {
        var alliance = Form();
        var bank = alliance.JoinExternal(Bank(), Formed, Now);
        var again = () => alliance.JoinExternal(Bank(" 浦发银行 "), Formed, Now);
        again.Should().Throw<AllianceRuleException>();

        alliance.Leave(bank.Id, new DateOnly(2026, 3, 1));
        alliance.JoinExternal(Bank(), new DateOnly(2026, 6, 1), Now).JoinedOn.Should().Be(new DateOnly(2026, 6, 1));
        alliance.Members.Should().HaveCount(3);
    }

    [Fact]
    public void A_unit_cannot_join_before_the_alliance_was_formed()
    {
        var act = () => Form().JoinExternal(Bank(), Formed.AddDays(-1), Now);
        act.Should().Throw<AllianceRuleException>().Which.Field.Should().Be("joinedOn");
    }

    [Fact]
    public void A_rotation_may_name_only_current_member_units_once_each()
    {
        var alliance = Form();
        var lead = alliance.LeadMemberUnitId;
        var bank = alliance.JoinExternal(Bank(), Formed, Now).Id;
        alliance.Leave(bank, Formed.AddDays(10));

        FluentActions.Invoking(() => alliance.ScheduleRotation([lead, lead], Formed, 1)).Should().Throw<AllianceRuleException>().Which.Field.Should().Be("order");
        FluentActions.Invoking(() => alliance.ScheduleRotation([lead, bank], Formed, 1)).Should().Throw<AllianceRuleException>().Which.Field.Should().Be("order");
        FluentActions.Invoking(() => alliance.ScheduleRotation([lead], Formed, 0)).Should().Throw<AllianceRuleException>().Which.Field.Should().Be("periodMonths");
    }

    [Fact]
    public void A_temporary_branch_draws_on_at_least_two_current_units_and_loses_a_unit_that_leaves()
    {
        var alliance = Form();
        var lead = alliance.LeadMemberUnitId;
        var bank = alliance.JoinExternal(Bank(), Formed, Now).Id;
        FluentActions.Invoking(() => alliance.FormTemporaryBranch(Guid.NewGuid(), [lead])).Should().Throw<AllianceRuleException>();

        alliance.FormTemporaryBranch(Guid.NewGuid(), [lead, bank]);
        alliance.Leave(bank, Formed.AddDays(30));

        alliance.TemporaryBranchUnitIds.Should().Equal(lead);
    }

    [Fact]
    public void Every_change_moves_the_version_on()
    {
        var alliance = Form();
        alliance.JoinExternal(Bank(), Formed, Now);
        alliance.Revise("新名称", "engineering", "");
        alliance.Version.Should().Be(3);
    }

    [Fact]
    public void Only_subsidiaries_with_a_current_member_unit_see_the_alliance()
    {
        var alliance = Form();
        var other = Guid.NewGuid();
        var member = alliance.JoinInternal(Guid.NewGuid(), other, "乙企业党委", Formed, Now);
        alliance.VisibleTo().Should().BeEquivalentTo([LeadSubsidiary, other]);

        alliance.Leave(member.Id, Formed.AddDays(5));

        alliance.VisibleTo().Should().Equal(LeadSubsidiary);
    }

    [Fact]
    public void A_schedule_that_starts_before_a_unit_joined_still_gives_it_its_turn()
    {
        var alliance = Form();
        var lead = alliance.LeadMemberUnitId;
        var bank = alliance.JoinExternal(Bank(), new DateOnly(2026, 6, 1), Now).Id;
        alliance.ScheduleRotation([bank, lead], new DateOnly(2026, 1, 1), 3);

        alliance.RotationPeriods(2).Select(p => p.MemberUnitId).Should().Equal(bank, lead);
    }

    [Fact]
    public void When_every_unit_in_the_order_has_left_the_schedule_runs_out()
    {
        var alliance = Form();
        var bank = alliance.JoinExternal(Bank(), Formed, Now).Id;
        alliance.ScheduleRotation([bank], new DateOnly(2026, 1, 1), 1);
        alliance.Leave(bank, new DateOnly(2026, 3, 1));

        alliance.RotationPeriods(12).Should().HaveCount(2);
        alliance.RotationOn(new DateOnly(2026, 4, 15)).Current.Should().BeNull();
    }
}
