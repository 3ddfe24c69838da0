using System.Globalization;
using Alliance.Activity.Activities;
using Alliance.Activity.Common;

namespace Alliance.Activity.TaskLists;

public enum TaskListOwnerKind { Group = 1, Subsidiary = 2, Alliance = 3 }

/// <summary>
/// A yearly task list (任务清单) of the group, a subsidiary or an alliance: tasks, each with measures (措施) that carry a
/// responsible and a supervising department, a weight, a target and a due date, and their progress reports. Every change
/// goes through the list (one version for the whole tree) and leaves an audit entry.
/// </summary>
public sealed class TaskList
{
    public const int MaxTitleLength = 200;
    public const int MaxTasks = 100;
    public const int MaxMeasuresPerTask = 100;

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public int Year { get; private set; }
    public TaskListOwnerKind OwnerKind { get; private set; }
    public Guid? SubsidiaryId { get; private set; }
    public Guid? AllianceId { get; private set; }
    /// <summary>For an alliance's list: the alliance's lead subsidiary, whose administrators and secretaries keep it.</summary>
    public Guid? LeadSubsidiaryId { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public List<ListTask> Tasks { get; private set; } = [];
    public List<Measure> Measures { get; private set; } = [];

    readonly List<TaskListChange> _changes = [];
    public IReadOnlyList<TaskListChange> Changes => _changes;

    private TaskList() { }

    public static TaskList Create(string title, int year, TaskListOwnerKind kind, Guid? subsidiaryId, Guid? allianceId, Guid? leadSubsidiaryId,
        Actor by, DateTimeOffset now)
    {
        var list = new TaskList
        {
            Id = Guid.CreateVersion7(now), Title = title.Trim(), Year = year, OwnerKind = kind, SubsidiaryId = subsidiaryId,
            AllianceId = allianceId, LeadSubsidiaryId = leadSubsidiaryId, Version = 1, CreatedAt = now, CreatedBy = by.UserName,
        };
        list.Record("created", [new("title", "", list.Title), new("year", "", year.ToString(CultureInfo.InvariantCulture)), new("owner", "", kind.ToString())], by, now);
        return list;
    }

    public ListTask AddTask(string title, decimal? weight, Actor by, DateTimeOffset now)
    {
        if (Tasks.Count >= MaxTasks) throw new ActivityRuleException("title", $"A list holds at most {MaxTasks} tasks.");
        if (weight is <= 0) throw new ActivityRuleException("weight", "must be greater than 0.", Grpc.Core.StatusCode.InvalidArgument);
        var task = new ListTask(Guid.CreateVersion7(now), Id, Tasks.Count + 1, title.Trim(), weight);
        Tasks.Add(task);
        Version++;
        Record("task-added", [new("task", "", task.Title), new("weight", "", weight?.ToString(CultureInfo.InvariantCulture) ?? "")], by, now);
        return task;
    }

    public Measure AddMeasure(Guid taskId, MeasurePlan plan, Actor by, DateTimeOffset now)
    {
        var task = Tasks.FirstOrDefault(t => t.Id == taskId) ?? throw new ActivityRuleException("taskId", "is not a task of this list.", Grpc.Core.StatusCode.NotFound);
        if (Measures.Count(m => m.TaskId == taskId) >= MaxMeasuresPerTask)
            throw new ActivityRuleException("taskId", $"A task holds at most {MaxMeasuresPerTask} measures.");
        if (plan.LinksToMeasureId is not null && OwnerKind != TaskListOwnerKind.Subsidiary)
            throw new ActivityRuleException("linksToMeasureId", "Only a subsidiary's list links its measures to the group's.");
        var measure = new Measure(Guid.CreateVersion7(now), Id, task.Id, Measures.Count(m => m.TaskId == taskId) + 1, plan);
        Measures.Add(measure);
        Version++;
        Record("measure-added", [new("measure", "", measure.Title), new("task", "", task.Title), new("weight", "", plan.Weight.ToString(CultureInfo.InvariantCulture)),
            new("dueOn", "", plan.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))], by, now);
        return measure;
    }

    public ProgressReport ReportProgress(Guid measureId, decimal percent, string? note, DateOnly reportedOn, IReadOnlyList<string> links, Actor by, DateTimeOffset now)
    {
        var measure = Measures.FirstOrDefault(m => m.Id == measureId) ?? throw new ActivityRuleException("measureId", "is not a measure of this list.", Grpc.Core.StatusCode.NotFound);
        var before = measure.Progress;
        var report = measure.Report(percent, note, reportedOn, links, by, now);
        Version++;
        Record("progress-reported", [new("measure", "", measure.Title), new("progress", Percent(before), Percent(measure.Progress)),
            new("reportedOn", "", reportedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))], by, now);
        return report;
    }

    /// <summary>The list's figures for the roll-up, task by task in order.</summary>
    public IReadOnlyList<TaskFigure> Figures() => Tasks.OrderBy(t => t.Ordinal).Select(t => t.Figure(Measures)).ToList();

    public decimal Progress => WeightedRollUp.ListProgress(Figures());

    static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    void Record(string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now) => _changes.Add(new TaskListChange(Id, kind, Version, changes, by, now));
}

public sealed class ListTask
{
    public Guid Id { get; private set; }
    public Guid TaskListId { get; private set; }
    public int Ordinal { get; private set; }
    public string Title { get; private set; } = "";
    public decimal? ExplicitWeight { get; private set; }

    private ListTask() { }

    internal ListTask(Guid id, Guid listId, int ordinal, string title, decimal? weight) =>
        (Id, TaskListId, Ordinal, Title, ExplicitWeight) = (id, listId, ordinal, title, weight);

    public TaskFigure Figure(IEnumerable<Measure> measures) =>
        new(ExplicitWeight, measures.Where(m => m.TaskId == Id).OrderBy(m => m.Ordinal).Select(m => new MeasureFigure(m.Weight, m.Progress)).ToList());
}

/// <summary>A department of the group as the organization service named it when the measure was planned.</summary>
public sealed record Department(Guid OrganizationId, Guid SubsidiaryId, string Name);

public sealed record MeasurePlan(string Title, Department Responsible, Department Supervising, decimal Weight, string TargetText,
    decimal? TargetValue, string? TargetUnit, DateOnly DueOn, Guid? LinksToMeasureId);

public sealed class Measure
{
    public const int MaxTargetLength = 1_000;
    public const int MaxUnitLength = 30;
    public const int MaxNoteLength = 2_000;
    public const int MaxLinks = 10;

    public Guid Id { get; private set; }
    public Guid TaskListId { get; private set; }
    public Guid TaskId { get; private set; }
    public int Ordinal { get; private set; }
    public string Title { get; private set; } = "";
    public Guid ResponsibleOrganizationId { get; private set; }
    public Guid ResponsibleSubsidiaryId { get; private set; }
    public string ResponsibleName { get; private set; } = "";
    public Guid SupervisingOrganizationId { get; private set; }
    public Guid SupervisingSubsidiaryId { get; private set; }
    public string SupervisingName { get; private set; } = "";
    public decimal Weight { get; private set; }
    public string TargetText { get; private set; } = "";
    public decimal? TargetValue { get; private set; }
    public string? TargetUnit { get; private set; }
    public DateOnly DueOn { get; private set; }
    public decimal Progress { get; private set; }
    public DateOnly? LastReportedOn { get; private set; }
    public Guid? LinksToMeasureId { get; private set; }
    /// <summary>When the overdue sweep published <c>MeasureOverdue</c> for this measure (once per measure and due date).</summary>
    public DateOnly? OverdueFlaggedOn { get; private set; }
    public List<ProgressReport> Reports { get; private set; } = [];

    private Measure() { }

    internal Measure(Guid id, Guid listId, Guid taskId, int ordinal, MeasurePlan plan)
    {
        (Id, TaskListId, TaskId, Ordinal) = (id, listId, taskId, ordinal);
        Title = plan.Title.Trim();
        (ResponsibleOrganizationId, ResponsibleSubsidiaryId, ResponsibleName) = (plan.Responsible.OrganizationId, plan.Responsible.SubsidiaryId, plan.Responsible.Name);
        (SupervisingOrganizationId, SupervisingSubsidiaryId, SupervisingName) = (plan.Supervising.OrganizationId, plan.Supervising.SubsidiaryId, plan.Supervising.Name);
        Weight = plan.Weight;
        TargetText = plan.TargetText.Trim();
        TargetValue = plan.TargetValue;
        TargetUnit = plan.TargetUnit;
        DueOn = plan.DueOn;
        LinksToMeasureId = plan.LinksToMeasureId;
    }

    public bool IsOverdue(DateOnly today) => WeightedRollUp.IsOverdue(DueOn, Progress, today);

    internal ProgressReport Report(decimal percent, string? note, DateOnly reportedOn, IReadOnlyList<string> links, Actor by, DateTimeOffset now)
    {
        if (LastReportedOn is { } last && reportedOn < last)
            throw new ActivityRuleException("reportedOn", $"must not be before the last report ({last:yyyy-MM-dd}).");
        var report = new ProgressReport(Guid.CreateVersion7(now), Id, percent, note, reportedOn, links, by, now);
        Reports.Add(report);
        Progress = percent;
        LastReportedOn = reportedOn;
        return report;
    }

    internal void FlagOverdue(DateOnly today) => OverdueFlaggedOn = today;
}

/// <summary>A progress report on a measure (append-only): the percent reached, a note, the day it speaks of, who sent it, its evidence links.</summary>
public sealed class ProgressReport
{
    public Guid Id { get; private set; }
    public Guid MeasureId { get; private set; }
    public decimal Percent { get; private set; }
    public string? Note { get; private set; }
    public DateOnly ReportedOn { get; private set; }
    public string ReportedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public List<string> EvidenceLinks { get; private set; } = [];

    private ProgressReport() { }

    internal ProgressReport(Guid id, Guid measureId, decimal percent, string? note, DateOnly reportedOn, IReadOnlyList<string> links, Actor by, DateTimeOffset now) =>
        (Id, MeasureId, Percent, Note, ReportedOn, ReportedBy, RecordedAt, EvidenceLinks) = (id, measureId, percent, note, reportedOn, by.UserName, now, [.. links]);
}

/// <summary>An entry of a task list's audit log.</summary>
public sealed class TaskListChange : FieldAuditEntry
{
    public Guid TaskListId { get; private set; }

    private TaskListChange() { }

    internal TaskListChange(Guid listId, string kind, long version, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now)
        : base(kind, version, changes, by, now) => TaskListId = listId;
}
