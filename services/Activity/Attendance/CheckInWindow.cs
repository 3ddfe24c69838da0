using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Grpc.Core;

namespace Alliance.Activity.Attendance;

/// <summary>
/// When an activity takes check-ins: not cancelled, and from <see cref="AttendanceOptions.CheckInOpensBeforeStart"/>
/// before its start until <see cref="AttendanceOptions.CheckInClosesAfterEnd"/> after its end (both ends included).
/// A held activity still takes late check-ins inside the window.
/// </summary>
public static class CheckInWindow
{
    public static (DateTimeOffset Opens, DateTimeOffset Closes) Of(Activities.Activity activity, AttendanceOptions options) =>
        (activity.StartsAt - options.CheckInOpensBeforeStart, activity.EndsAt + options.CheckInClosesAfterEnd);

    public static bool IsOpen(Activities.Activity activity, DateTimeOffset now, AttendanceOptions options)
    {
        var (opens, closes) = Of(activity, options);
        return activity.Status != ActivityStatus.Cancelled && now >= opens && now <= closes;
    }

    /// <exception cref="ActivityRuleException">on activityId when the activity is cancelled or the window is not open.</exception>
    public static void Ensure(Activities.Activity activity, DateTimeOffset now, AttendanceOptions options)
    {
        if (activity.Status == ActivityStatus.Cancelled)
            throw new ActivityRuleException("activityId", "The activity is cancelled and takes no check-ins.");
        var (opens, closes) = Of(activity, options);
        if (now < opens)
            throw new ActivityRuleException("activityId", $"Check-in opens at {ActivityTimes.Format(opens)}.", StatusCode.FailedPrecondition);
        if (now > closes)
            throw new ActivityRuleException("activityId", $"Check-in closed at {ActivityTimes.Format(closes)}.", StatusCode.FailedPrecondition);
    }
}
