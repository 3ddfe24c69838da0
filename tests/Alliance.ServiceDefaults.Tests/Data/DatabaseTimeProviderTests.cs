using Alliance.ServiceDefaults.Data;

namespace Alliance.ServiceDefaults.Tests.Data;

public class DatabaseTimeProviderTests
{
    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Time_is_cut_to_whole_microseconds_as_PostgreSQL_stores_it()
    {
        var now = new DateTimeOffset(2026, 11, 22, 1, 59, 51, TimeSpan.Zero).AddTicks(7_054_925);
        var clock = new DatabaseTimeProvider(new FixedClock(now));

        clock.GetUtcNow().Should().Be(now.AddTicks(-5));
        (clock.GetUtcNow().Ticks % 10).Should().Be(0);
    }
}
