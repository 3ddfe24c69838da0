namespace Alliance.ServiceDefaults.Time;

/// <summary>
/// The group's calendar: dates (a role's start, a pairing's expiry, "today") are days in China Standard Time, UTC+8
/// all year, wherever a server's clock or time zone is set. Every "today" in the services comes from here.
/// </summary>
public static class GroupCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The group's calendar day at <paramref name="instant"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>Today on the group's calendar.</summary>
    public static DateOnly GroupToday(this TimeProvider clock) => DayOf(clock.GetUtcNow());
}
