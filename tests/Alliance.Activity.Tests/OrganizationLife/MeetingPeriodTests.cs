using Alliance.ServiceDefaults.Time;
using Alliance.Activity.OrganizationLife;

namespace Alliance.Activity.Tests.OrganizationLife;

/// <summary>Periods of organization life on the group's calendar (UTC+8): their bounds, names and states across year ends.</summary>
public class MeetingPeriodTests
{
    [Theory]
    [InlineData(PeriodLength.Monthly, "2026-12-31", "2026-12", "2026-12-01", "2026-12-31")]
    [InlineData(PeriodLength.Monthly, "2027-01-01", "2027-01", "2027-01-01", "2027-01-31")]
    [InlineData(PeriodLength.Monthly, "2028-02-10", "2028-02", "2028-02-01", "2028-02-29")]
    [InlineData(PeriodLength.Quarterly, "2026-12-31", "2026-Q4", "2026-10-01", "2026-12-31")]
    [InlineData(PeriodLength.Quarterly, "2027-01-01", "2027-Q1", "2027-01-01", "2027-03-31")]
    [InlineData(PeriodLength.Quarterly, "2026-05-15", "2026-Q2", "2026-04-01", "2026-06-30")]
    [InlineData(PeriodLength.HalfYearly, "2026-07-01", "2026-H2", "2026-07-01", "2026-12-31")]
    [InlineData(PeriodLength.HalfYearly, "2026-06-30", "2026-H1", "2026-01-01", "2026-06-30")]
    [InlineData(PeriodLength.Yearly, "2026-12-31", "2026", "2026-01-01", "2026-12-31")]
    public void A_day_falls_in_one_period_of_each_length(PeriodLength length, string day, string key, string first, string last)
    {
        var period = MeetingPeriod.Containing(length, DateOnly.Parse(day));

        period.Key.Should().Be(key);
        period.FirstDay.Should().Be(DateOnly.Parse(first));
        period.LastDay.Should().Be(DateOnly.Parse(last));
        period.DueOn.Should().Be(period.LastDay);
    }

    [Fact]
    public void The_period_before_january_is_december_and_before_q1_is_q4_of_the_year_before()
    {
        MeetingPeriod.Containing(PeriodLength.Monthly, new DateOnly(2027, 1, 5)).Previous().Key.Should().Be("2026-12");
        MeetingPeriod.Containing(PeriodLength.Quarterly, new DateOnly(2027, 2, 5)).Previous().Key.Should().Be("2026-Q4");
        MeetingPeriod.Containing(PeriodLength.HalfYearly, new DateOnly(2027, 2, 5)).Previous().Key.Should().Be("2026-H2");
        MeetingPeriod.Containing(PeriodLength.Yearly, new DateOnly(2027, 2, 5)).Previous().Key.Should().Be("2026");
        MeetingPeriod.Containing(PeriodLength.Quarterly, new DateOnly(2026, 11, 5)).Next().Key.Should().Be("2027-Q1");
    }

    [Fact]
    public void Periods_begin_and_end_at_midnight_in_beijing_whatever_offset_an_instant_carries()
    {
        var q1 = MeetingPeriod.Containing(PeriodLength.Quarterly, new DateOnly(2027, 1, 1));
        q1.StartsAt.Should().Be(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero));
        q1.EndsAt.Should().Be(new DateTimeOffset(2027, 3, 31, 16, 0, 0, TimeSpan.Zero));

        // 17:00 UTC on New Year's Eve is 1 a.m. on 1 January in Beijing: January and Q1 2027, not December.
        MeetingPeriod.Containing(PeriodLength.Monthly, new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero)).Key.Should().Be("2027-01");
        MeetingPeriod.Containing(PeriodLength.Quarterly, new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero)).Key.Should().Be("2027-Q1");
        // The same instant written in New York's offset (12 noon on the 31st there) is still January in the group's calendar.
        MeetingPeriod.Containing(PeriodLength.Monthly, new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.FromHours(-5))).Key.Should().Be("2027-01");
        // 15:59 UTC on the 31st is 23:59 in Beijing: still December.
        MeetingPeriod.Containing(PeriodLength.Monthly, new DateTimeOffset(2026, 12, 31, 15, 59, 0, TimeSpan.Zero)).Key.Should().Be("2026-12");
    }

    [Fact]
    public void A_period_not_held_is_due_through_its_last_day_and_overdue_after_it()
    {
        var december = MeetingPeriod.Containing(PeriodLength.Monthly, new DateOnly(2026, 12, 1));

        december.StateOn(new DateOnly(2026, 12, 31), held: false).Should().Be(ComplianceState.Due);
        december.StateOn(new DateOnly(2027, 1, 1), held: false).Should().Be(ComplianceState.Overdue);
        december.StateOn(new DateOnly(2027, 1, 1), held: true).Should().Be(ComplianceState.Done);
        december.StateOn(new DateOnly(2026, 11, 1), held: false).Should().Be(ComplianceState.Due);
    }

    [Theory]
    [InlineData("monthly", PeriodLength.Monthly)]
    [InlineData("Half-Yearly", PeriodLength.HalfYearly)]
    public void Period_names_parse(string name, PeriodLength length) => PeriodLengths.FromName(name).Should().Be(length);

    [Theory]
    [InlineData("weekly")]
    [InlineData("1")]
    [InlineData("")]
    public void Unknown_period_names_do_not_parse(string name) => PeriodLengths.FromName(name).Should().BeNull();
}
