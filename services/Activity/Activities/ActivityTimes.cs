using Alliance.Activity.Common;
using Alliance.ServiceDefaults.Time;
using Grpc.Core;

namespace Alliance.Activity.Activities;

/// <summary>
/// The rules of an activity's time window and of booking a venue: an activity ends after it starts, lasts at most
/// <see cref="MaxDuration"/>, and starts at most <see cref="MaxLeadTime"/> ahead. It may lie in the past, so work
/// already done can be recorded. Two bookings of one service center overlap when each starts before the other ends:
/// back to back (one ends at 10:00, the next starts at 10:00) is no overlap.
/// </summary>
public static class ActivityTimes
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(14);
    public static readonly TimeSpan MaxLeadTime = TimeSpan.FromDays(2 * 366);

    /// <summary>The first rule the window breaks, as a field and a message a person can act on; null when it keeps them all.</summary>
    public static (string Field, string Message)? Problem(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        if (endsAt <= startsAt) return ("endsAt", "must be after the start.");
        if (endsAt - startsAt > MaxDuration) return ("endsAt", $"must be at most {MaxDuration.TotalDays:0} days after the start.");
        if (startsAt - now > MaxLeadTime) return ("startsAt", "must be at most two years ahead.");
        return null;
    }

    /// <exception cref="ActivityRuleException">when the window breaks a rule of <see cref="Problem"/>.</exception>
    public static void Ensure(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        if (Problem(startsAt, endsAt, now) is { } problem) throw new ActivityRuleException(problem.Field, problem.Message, StatusCode.InvalidArgument);
    }

    /// <summary>Whether two half-open windows [start, end) share a moment.</summary>
    public static bool Overlap(DateTimeOffset aStart, DateTimeOffset aEnd, DateTimeOffset bStart, DateTimeOffset bEnd) => aStart < bEnd && bStart < aEnd;

    /// <summary>An instant as the group reads it: ISO 8601 in China Standard Time (2026-03-05T14:00:00+08:00).</summary>
    public static string Format(DateTimeOffset instant) => instant.ToOffset(GroupCalendar.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
}
