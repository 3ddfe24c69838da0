using Alliance.ServiceDefaults.Time;

namespace Alliance.ServiceDefaults.Tests.Time;

public class GroupCalendarTests
{
    [Theory]
    [InlineData("2026-11-22T15:59:59Z", "2026-11-22")]
    [InlineData("2026-11-22T16:00:00Z", "2026-11-23")] // midnight in Beijing
    [InlineData("2026-11-23T07:30:00+09:00", "2026-11-23")] // Tokyo morning is still the 22nd UTC, already the 23rd in Beijing
    [InlineData("2026-06-30T23:00:00-05:00", "2026-07-01")]
    public void A_day_is_the_calendar_day_in_China_Standard_Time(string instant, string day)
    {
        GroupCalendar.DayOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Today_follows_the_clock_it_is_given()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero));
        clock.GroupToday().Should().Be(new DateOnly(2027, 1, 1));
    }

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
