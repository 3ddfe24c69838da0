namespace Alliance.Activity.Attendance;

/// <summary>
/// When check-in is open and how the venue's code rotates (configuration section <c>Attendance</c>). Defaults: from 30
/// minutes before the start to 30 minutes after the end; a new code every 60 seconds, the previous one still taken for
/// one more step.
/// </summary>
public sealed class AttendanceOptions
{
    public const string Section = "Attendance";

    public TimeSpan CheckInOpensBeforeStart { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan CheckInClosesAfterEnd { get; set; } = TimeSpan.FromMinutes(30);
    public int CodeStepSeconds { get; set; } = 60;
    /// <summary>How many steps before the current one a code is still taken (someone typing it as it changes).</summary>
    public int CodeGraceSteps { get; set; } = 1;
}
