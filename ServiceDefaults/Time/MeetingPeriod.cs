namespace Alliance.ServiceDefaults.Time;

/// <summary>How often a meeting must be held: once a month, quarter, half year or year.</summary>
public enum PeriodLength { Monthly, Quarterly, HalfYearly, Yearly }

public static class PeriodLengths
{
    public static string Name(this PeriodLength length) => length switch
    {
        PeriodLength.Monthly => "monthly",
        PeriodLength.Quarterly => "quarterly",
        PeriodLength.HalfYearly => "half-yearly",
        _ => "yearly",
    };

    public static PeriodLength? FromName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "monthly" => PeriodLength.Monthly,
        "quarterly" => PeriodLength.Quarterly,
        "half-yearly" => PeriodLength.HalfYearly,
        "yearly" => PeriodLength.Yearly,
        _ => null,
    };

    public static int Months(this PeriodLength length) => length switch
    {
        PeriodLength.Monthly => 1,
        PeriodLength.Quarterly => 3,
        PeriodLength.HalfYearly => 6,
        _ => 12,
    };
}

/// <summary>
/// One period of a rule on the group's calendar (UTC+8, ADR 12): December 2026, Q4 2026, H2 2026 or 2026. Its due date is
/// its last day; an activity counts for it when it starts within [<see cref="StartsAt"/>, <see cref="EndsAt"/>), so an
/// activity at 2026-12-31T17:00Z (1 a.m. on 1 January in Beijing) counts for January and Q1 2027, not December.
/// </summary>
public readonly record struct MeetingPeriod(PeriodLength Length, DateOnly FirstDay)
{
    /// <summary>The period of <paramref name="length"/> that contains <paramref name="day"/>.</summary>
    public static MeetingPeriod Containing(PeriodLength length, DateOnly day)
    {
        var months = length.Months();
        var firstMonth = (day.Month - 1) / months * months + 1;
        return new MeetingPeriod(length, new DateOnly(day.Year, firstMonth, 1));
    }

    /// <summary>The period of <paramref name="length"/> that contains the instant on the group's calendar.</summary>
    public static MeetingPeriod Containing(PeriodLength length, DateTimeOffset instant) => Containing(length, GroupCalendar.DayOf(instant));

    public DateOnly LastDay => FirstDay.AddMonths(Length.Months()).AddDays(-1);
    public DateOnly DueOn => LastDay;
    public DateTimeOffset StartsAt => new(FirstDay.ToDateTime(TimeOnly.MinValue), GroupCalendar.Offset);
    public DateTimeOffset EndsAt => new(FirstDay.AddMonths(Length.Months()).ToDateTime(TimeOnly.MinValue), GroupCalendar.Offset);

    public MeetingPeriod Previous() => new(Length, FirstDay.AddMonths(-Length.Months()));
    public MeetingPeriod Next() => new(Length, FirstDay.AddMonths(Length.Months()));

    public bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    /// <summary>A stable name of the period: 2026-12, 2026-Q4, 2026-H2, 2026.</summary>
    public string Key => Length switch
    {
        PeriodLength.Monthly => $"{FirstDay.Year:D4}-{FirstDay.Month:D2}",
        PeriodLength.Quarterly => $"{FirstDay.Year:D4}-Q{(FirstDay.Month - 1) / 3 + 1}",
        PeriodLength.HalfYearly => $"{FirstDay.Year:D4}-H{(FirstDay.Month - 1) / 6 + 1}",
        _ => $"{FirstDay.Year:D4}",
    };

    /// <summary>Done when held; otherwise due until its last day has passed on the group's calendar, then overdue.</summary>
    public ComplianceState StateOn(DateOnly today, bool held) =>
        held ? ComplianceState.Done : today <= LastDay ? ComplianceState.Due : ComplianceState.Overdue;

    public override string ToString() => Key;
}

public enum ComplianceState { Due, Done, Overdue }

public static class ComplianceStates
{
    public static string Name(this ComplianceState state) => state.ToString().ToLowerInvariant();

    public static ComplianceState? FromName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "due" => ComplianceState.Due,
        "done" => ComplianceState.Done,
        "overdue" => ComplianceState.Overdue,
        _ => null,
    };
}
