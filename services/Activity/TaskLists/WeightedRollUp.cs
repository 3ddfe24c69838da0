namespace Alliance.Activity.TaskLists;

/// <summary>A measure as the roll-up sees it: its weight and its progress in percent (0–100).</summary>
public sealed record MeasureFigure(decimal Weight, decimal Progress);

/// <summary>A task as the roll-up sees it: its explicit weight, if it has one, and its measures.</summary>
public sealed record TaskFigure(decimal? ExplicitWeight, IReadOnlyList<MeasureFigure> Measures);

/// <summary>
/// The weighted roll-up of a task list (ADR 42), pure arithmetic: a task's progress is Σ(weight·progress)/Σweight of its
/// measures; the list's is the same over its tasks, where a task weighs its explicit weight when it has one and otherwise
/// the sum of its measures' weights (so a list without explicit task weights is the weighted mean of all its measures).
/// A task or list without weight is at 0 %. Figures are kept exact and rounded to two decimals only when answered.
/// </summary>
public static class WeightedRollUp
{
    public static decimal TaskWeight(TaskFigure task) => task.ExplicitWeight ?? task.Measures.Sum(m => m.Weight);

    public static decimal TaskProgress(TaskFigure task) => Round(ExactTaskProgress(task));

    public static decimal ListProgress(IReadOnlyList<TaskFigure> tasks)
    {
        var weight = tasks.Sum(TaskWeight);
        return weight <= 0 ? 0 : Round(tasks.Sum(t => TaskWeight(t) * ExactTaskProgress(t)) / weight);
    }

    /// <summary>Past its due date on the group's calendar and not complete.</summary>
    public static bool IsOverdue(DateOnly dueOn, decimal progress, DateOnly today) => progress < 100 && today > dueOn;

    static decimal ExactTaskProgress(TaskFigure task)
    {
        var weight = task.Measures.Sum(m => m.Weight);
        return weight <= 0 ? 0 : task.Measures.Sum(m => m.Weight * m.Progress) / weight;
    }

    static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
