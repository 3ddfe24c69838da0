using Alliance.Reporting.Attendance;
using Alliance.Reporting.OrganizationLife;
using Alliance.Reporting.Supervision;
using Alliance.ServiceDefaults.Time;

namespace Alliance.Reporting.Tests.JointWork;

/// <summary>The rules behind the joint-work reports (ADR 37), without servers.</summary>
public class JointWorkRuleTests
{
    static readonly Guid Subsidiary = Guid.NewGuid();

    static ActivityAttendance Activity(int invited, int checkedIn) =>
        new(Guid.NewGuid(), new DateOnly(2026, 11, 1), null, DateTimeOffset.UtcNow, invited, checkedIn);

    [Fact]
    public void Activities_without_invitations_are_left_out_of_the_attendance_rate()
    {
        var rate = AttendanceRule.Sum("", "", [Activity(10, 8), Activity(0, 5), Activity(30, 15)]);

        (rate.Activities, rate.Invited, rate.CheckedIn).Should().Be((2, 40, 23));
        rate.Rate.Should().Be(0.575);
    }

    [Fact]
    public void Check_ins_beyond_the_invited_do_not_lift_an_activity_above_everyone()
    {
        var rate = AttendanceRule.Sum("", "", [Activity(4, 9), Activity(6, 0)]);

        (rate.Invited, rate.CheckedIn, rate.Rate).Should().Be((10, 4, 0.4));
    }

    [Fact]
    public void No_invitations_at_all_is_a_rate_of_zero_not_a_division_by_zero()
    {
        var rate = AttendanceRule.Sum("", "", [Activity(0, 3)]);

        (rate.Activities, rate.Invited, rate.Rate).Should().Be((0, 0, 0.0));
    }

    static MeetingRuleView Rule(string kind, string period, Guid? subsidiary = null, bool retired = false) => new()
    {
        RuleId = Guid.NewGuid(), SubsidiaryId = subsidiary, OrganizationKind = kind, NameZh = "支部党员大会", NameEn = "Members' assembly",
        Period = period, ActivityTypeIds = [Guid.NewGuid()], Retired = retired, Version = 1,
    };

    static BranchFacts Branch(string kind = "branch", Guid? subsidiary = null) => new(Guid.NewGuid(), subsidiary ?? Subsidiary, kind, "第一支部");

    [Fact]
    public void A_rule_is_looked_at_in_its_period_containing_the_day_across_a_year_end()
    {
        var quarterly = Rule("branch", "quarterly");
        var yearly = Rule("committee", "yearly");

        var onNewYear = ComplianceRule.PeriodsOn([quarterly, yearly], new DateOnly(2027, 1, 1));
        var onNewYearsEve = ComplianceRule.PeriodsOn([quarterly, yearly], new DateOnly(2026, 12, 31));

        onNewYear.Select(r => r.Period.Key).Should().Equal("2027", "2027-Q1");
        onNewYearsEve.Select(r => (r.Period.Key, r.Period.DueOn)).Should().Equal(("2026", new DateOnly(2026, 12, 31)), ("2026-Q4", new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void Retired_rules_and_unknown_periods_bind_no_one()
    {
        var periods = ComplianceRule.PeriodsOn([Rule("branch", "monthly", retired: true), Rule("branch", "weekly"), Rule("branch", "half-yearly")],
            new DateOnly(2026, 8, 15));

        periods.Should().ContainSingle().Which.Period.Key.Should().Be("2026-H2");
    }

    [Fact]
    public void A_group_rule_binds_every_subsidiary_and_a_subsidiary_rule_only_its_own_of_the_kind()
    {
        var group = Rule("branch", "monthly");
        var own = Rule("branch", "quarterly", Subsidiary);
        var other = Rule("branch", "quarterly", Guid.NewGuid());
        var committees = Rule("committee", "yearly");
        var rules = ComplianceRule.PeriodsOn([group, own, other, committees], new DateOnly(2026, 12, 10));

        var states = ComplianceRule.StatesOf(Branch(), rules, new Dictionary<(Guid, Guid), int>(), new DateOnly(2026, 12, 10));

        states.Select(s => s.Rule.Rule.RuleId).Should().BeEquivalentTo([group.RuleId, own.RuleId]);
    }

    [Fact]
    public void A_period_is_done_when_held_due_until_its_last_day_and_overdue_after()
    {
        var monthly = Rule("branch", "monthly");
        var branch = Branch();
        var rules = ComplianceRule.PeriodsOn([monthly], new DateOnly(2026, 11, 20));
        var none = new Dictionary<(Guid, Guid), int>();
        var held = new Dictionary<(Guid, Guid), int> { [(branch.OrganizationId, monthly.RuleId)] = 2 };

        ComplianceRule.StatesOf(branch, rules, none, new DateOnly(2026, 11, 30)).Single().State.Should().Be(ComplianceState.Due);
        ComplianceRule.StatesOf(branch, rules, none, new DateOnly(2026, 12, 1)).Single().State.Should().Be(ComplianceState.Overdue);
        var done = ComplianceRule.StatesOf(branch, rules, held, new DateOnly(2026, 12, 1)).Single();
        (done.State, done.HeldCount).Should().Be((ComplianceState.Done, 2));
    }

    [Fact]
    public void An_item_verified_on_its_due_date_is_on_time_and_one_verified_later_is_late()
    {
        var due = new DateOnly(2026, 12, 31);
        var today = new DateOnly(2027, 2, 1);

        ClosureRule.Of("verified", due, due, today).Should().Be(Closure.OnTime);
        ClosureRule.Of("verified", due, new DateOnly(2026, 12, 20), today).Should().Be(Closure.OnTime);
        ClosureRule.Of("verified", due, new DateOnly(2027, 1, 1), today).Should().Be(Closure.Late);
    }

    [Fact]
    public void An_open_item_counts_as_overdue_only_after_its_due_date_and_a_cancelled_one_never()
    {
        var due = new DateOnly(2026, 12, 31);

        ClosureRule.Of("in-progress", due, null, due).Should().Be(Closure.NotCounted);
        ClosureRule.Of("done", due, null, new DateOnly(2027, 1, 1)).Should().Be(Closure.Overdue);
        ClosureRule.Of("cancelled", due, null, new DateOnly(2027, 3, 1)).Should().Be(Closure.NotCounted);
    }
}
