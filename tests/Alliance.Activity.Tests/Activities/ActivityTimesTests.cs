using Alliance.Activity.Activities;

namespace Alliance.Activity.Tests.Activities;

public class ActivityTimesTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    static DateTimeOffset At(int day, int hour) => new(2026, 3, day, hour, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(14, 0)]
    [InlineData(14, -1)]
    public void An_end_at_or_before_the_start_is_refused_on_endsAt(int hour, int minutes)
    {
        var start = At(5, 14);
        var end = At(5, hour).AddMinutes(minutes);

        ActivityTimes.Problem(start, end, Now).Should().Be(("endsAt", "must be after the start."));
        var ensure = () => ActivityTimes.Ensure(start, end, Now);
        ensure.Should().Throw<Common.ActivityRuleException>().Which.Code.Should().Be(StatusCode.InvalidArgument);
    }

    [Fact]
    public void An_activity_lasts_at_most_fourteen_days()
    {
        var start = At(1, 9);

        ActivityTimes.Problem(start, start.AddDays(14), Now).Should().BeNull();
        ActivityTimes.Problem(start, start.AddDays(14).AddMinutes(1), Now)!.Value.Field.Should().Be("endsAt");
    }

    [Fact]
    public void An_activity_starts_at_most_two_years_ahead_but_may_lie_in_the_past_to_record_work_done()
    {
        ActivityTimes.Problem(Now.AddDays(2 * 366 + 1), Now.AddDays(2 * 366 + 1).AddHours(2), Now)!.Value.Field.Should().Be("startsAt");
        ActivityTimes.Problem(Now.AddDays(700), Now.AddDays(700).AddHours(2), Now).Should().BeNull();
        ActivityTimes.Problem(Now.AddYears(-3), Now.AddYears(-3).AddHours(2), Now).Should().BeNull();
    }

    [Theory]
    [InlineData(9, 11, 10, 12, true)]   // overlapping
    [InlineData(9, 12, 10, 11, true)]   // contained
    [InlineData(10, 11, 9, 12, true)]   // containing
    [InlineData(9, 10, 10, 11, false)]  // back to back
    [InlineData(11, 12, 9, 11, false)]  // back to back, the other way
    [InlineData(9, 10, 14, 15, false)]  // apart
    public void Two_bookings_overlap_when_each_starts_before_the_other_ends(int aStart, int aEnd, int bStart, int bEnd, bool overlap)
    {
        ActivityTimes.Overlap(At(5, aStart), At(5, aEnd), At(5, bStart), At(5, bEnd)).Should().Be(overlap);
    }

    [Fact]
    public void Times_read_in_China_Standard_Time_whatever_the_offset_they_came_in()
    {
        ActivityTimes.Format(new DateTimeOffset(2026, 3, 5, 6, 0, 0, TimeSpan.Zero)).Should().Be("2026-03-05T14:00:00+08:00");
    }
}
