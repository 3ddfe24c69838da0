namespace Alliance.Reporting.Supervision;

public enum Closure { NotCounted, OnTime, Late, Overdue }

/// <summary>
/// On-time closure of decision items (ADR 37). An item counts for the month of its due date once it is decided: verified
/// (on time when verified on or before its due date on the group calendar, else late), or overdue (not verified and its
/// due date has passed). Cancelled items, and items not verified whose due date has not passed, do not count.
/// rate = on time / (verified + overdue).
/// </summary>
public static class ClosureRule
{
    public static Closure Of(string state, DateOnly dueOn, DateOnly? verifiedOn, DateOnly today) => state switch
    {
        DecisionItemView.Cancelled => Closure.NotCounted,
        DecisionItemView.Verified => verifiedOn is { } v && v <= dueOn ? Closure.OnTime : Closure.Late,
        _ => today > dueOn ? Closure.Overdue : Closure.NotCounted,
    };
}
