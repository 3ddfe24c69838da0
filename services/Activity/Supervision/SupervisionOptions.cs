namespace Alliance.Activity.Supervision;

/// <summary>Configuration section "Supervision": the group's setting for "due soon" and the sweep's schedule.</summary>
public sealed class SupervisionOptions
{
    /// <summary>An item is yellow from this many days before its due date (group setting; default 7).</summary>
    public int DueSoonDays { get; set; } = SupervisionColours.DefaultDueSoonDays;

    /// <summary>How often the sweep looks; it recolours by the group's calendar day, so an hour keeps a new day's colours within the hour.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Off in tests that run the sweep by hand.</summary>
    public bool SweepEnabled { get; set; } = true;
}
