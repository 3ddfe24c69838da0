using System.Globalization;
using Alliance.Contracts.Events;
using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>Task lists as the contracts and the integration events state them.</summary>
public static class TaskListMapping
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static C.TaskListOwnerKind ToContract(this TaskListOwnerKind kind) => kind switch
    {
        TaskListOwnerKind.Group => C.TaskListOwnerKind.Group,
        TaskListOwnerKind.Subsidiary => C.TaskListOwnerKind.Subsidiary,
        _ => C.TaskListOwnerKind.Alliance,
    };

    public static string Name(this TaskListOwnerKind kind) => kind.ToString().ToLowerInvariant();

    /// <param name="linked">The measures of subsidiaries' lists that serve a measure of this list, by the measure they serve (those the caller sees).</param>
    public static C.TaskList ToContract(this TaskList list, bool canChange, DateOnly today, ILookup<Guid, C.LinkedMeasure>? linked = null)
    {
        var contract = new C.TaskList
        {
            Id = list.Id.ToString(), Title = list.Title, Year = list.Year, OwnerKind = list.OwnerKind.ToContract(),
            SubsidiaryId = list.SubsidiaryId?.ToString() ?? "", AllianceId = list.AllianceId?.ToString() ?? "",
            Progress = (double)list.Progress, Version = list.Version, CanChange = canChange,
            CreatedAt = Timestamp.FromDateTimeOffset(list.CreatedAt), CreatedBy = list.CreatedBy,
            OverdueCount = list.Measures.Count(m => m.IsOverdue(today)),
        };
        foreach (var task in list.Tasks.OrderBy(t => t.Ordinal))
        {
            var figure = task.Figure(list.Measures);
            var t = new C.TaskListTask
            {
                Id = task.Id.ToString(), Ordinal = task.Ordinal, Title = task.Title,
                Weight = (double)WeightedRollUp.TaskWeight(figure), Progress = (double)WeightedRollUp.TaskProgress(figure),
            };
            if (task.ExplicitWeight is { } w) t.ExplicitWeight = (double)w;
            t.Measures.AddRange(list.Measures.Where(m => m.TaskId == task.Id).OrderBy(m => m.Ordinal).Select(m => m.ToContract(today, linked)));
            contract.Tasks.Add(t);
        }
        return contract;
    }

    public static C.TaskListMeasure ToContract(this Measure m, DateOnly today, ILookup<Guid, C.LinkedMeasure>? linked)
    {
        var contract = new C.TaskListMeasure
        {
            Id = m.Id.ToString(), TaskId = m.TaskId.ToString(), Ordinal = m.Ordinal, Title = m.Title,
            ResponsibleOrganizationId = m.ResponsibleOrganizationId.ToString(), ResponsibleName = m.ResponsibleName,
            SupervisingOrganizationId = m.SupervisingOrganizationId.ToString(), SupervisingName = m.SupervisingName,
            Weight = (double)m.Weight, TargetText = m.TargetText, TargetUnit = m.TargetUnit ?? "", DueOn = Day(m.DueOn),
            Progress = (double)m.Progress, Overdue = m.IsOverdue(today), LinksToMeasureId = m.LinksToMeasureId?.ToString() ?? "",
            LastReportedOn = m.LastReportedOn is { } d ? Day(d) : "",
        };
        if (m.TargetValue is { } v) contract.TargetValue = (double)v;
        if (linked is not null) contract.Linked.AddRange(linked[m.Id]);
        return contract;
    }

    public static C.TaskListSummary ToSummary(this TaskList list, DateOnly today) => new()
    {
        Id = list.Id.ToString(), Title = list.Title, Year = list.Year, OwnerKind = list.OwnerKind.ToContract(),
        SubsidiaryId = list.SubsidiaryId?.ToString() ?? "", AllianceId = list.AllianceId?.ToString() ?? "",
        Progress = (double)list.Progress, TaskCount = list.Tasks.Count, MeasureCount = list.Measures.Count,
        OverdueCount = list.Measures.Count(m => m.IsOverdue(today)), Version = list.Version,
    };

    public static C.ProgressReport ToContract(this ProgressReport r) => new()
    {
        Id = r.Id.ToString(), MeasureId = r.MeasureId.ToString(), Percent = (double)r.Percent, Note = r.Note ?? "",
        ReportedOn = Day(r.ReportedOn), ReportedBy = r.ReportedBy, RecordedAt = Timestamp.FromDateTimeOffset(r.RecordedAt),
        EvidenceLinks = { r.EvidenceLinks },
    };

    /// <summary>The subsidiary the list's events are of: its own, an alliance's lead subsidiary, or none for the group's.</summary>
    static Guid Tenant(TaskList l) => l.SubsidiaryId ?? l.LeadSubsidiaryId ?? Guid.Empty;

    public static TaskListCreated Created(TaskList l, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), Tenant(l), now, l.Id, l.Title, l.Year, l.OwnerKind.Name(), l.SubsidiaryId, l.AllianceId);

    public static MeasureAdded Added(TaskList l, Measure m, DateTimeOffset now)
    {
        var task = l.Tasks.Single(t => t.Id == m.TaskId);
        return new(Guid.CreateVersion7(now), Tenant(l), now, l.Id, l.Year, l.AllianceId, task.Id, task.Title, m.Id, m.Title,
            m.ResponsibleOrganizationId, m.ResponsibleSubsidiaryId, m.SupervisingOrganizationId, m.SupervisingSubsidiaryId,
            m.Weight, m.TargetValue, m.TargetUnit, m.DueOn, m.LinksToMeasureId);
    }

    public static MeasureProgressReported ProgressReported(TaskList l, Measure m, decimal from, ProgressReport r, DateTimeOffset now)
    {
        var task = l.Tasks.Single(t => t.Id == m.TaskId);
        return new(Guid.CreateVersion7(now), Tenant(l), now, l.Id, l.Year, l.AllianceId, l.SubsidiaryId, task.Id, m.Id, m.ResponsibleOrganizationId,
            from, r.Percent, r.ReportedOn, WeightedRollUp.TaskProgress(task.Figure(l.Measures)), l.Progress, m.DueOn);
    }

    public static MeasureOverdue Overdue(TaskList l, Measure m, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), Tenant(l), now, l.Id, l.Year, l.AllianceId, l.SubsidiaryId, m.Id, m.Title,
            m.ResponsibleOrganizationId, m.ResponsibleSubsidiaryId, m.SupervisingOrganizationId, m.DueOn, m.Progress);
}
