namespace Alliance.ServiceDefaults.Data;

/// <summary>
/// The system clock at PostgreSQL's precision (microseconds), so a timestamp returned right after a write equals the one
/// read back later. .NET ticks are 100 ns; a value with sub-microsecond ticks would come back from the database changed.
/// </summary>
public sealed class DatabaseTimeProvider(TimeProvider inner) : TimeProvider
{
    const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DatabaseTimeProvider SystemClock { get; } = new(TimeProvider.System);

    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TicksPerMicrosecond));
    }

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
    public override long TimestampFrequency => inner.TimestampFrequency;
    public override long GetTimestamp() => inner.GetTimestamp();
}
