using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;

namespace Alliance.Gateway.TaskLists;

public sealed record TaskListBody(string? Title, int? Year, string? OwnerKind, Guid? SubsidiaryId, Guid? AllianceId);
public sealed record TaskBody(string? Title, double? Weight, long? ExpectedVersion);
public sealed record MeasureBody(string? Title, Guid? ResponsibleOrganizationId, Guid? SupervisingOrganizationId, double? Weight, string? TargetText,
    double? TargetValue, string? TargetUnit, string? DueOn, Guid? LinksToMeasureId, long? ExpectedVersion);
public sealed record ProgressReportBody(double? Percent, string? Note, string? ReportedOn, List<string?>? EvidenceLinks);

public sealed record TaskListQuery(int? Page, int? PageSize, int? Year, string? OwnerKind, string? Search);
public sealed record OverdueQuery(int? Page, int? PageSize, Guid? AllianceId);

public sealed record LinkedMeasureDto(Guid MeasureId, Guid ListId, string ListTitle, Guid? SubsidiaryId, string Title, double Progress, bool Overdue);

public sealed record MeasureDto(Guid Id, Guid TaskId, int Ordinal, string Title, Guid ResponsibleOrganizationId, string ResponsibleName,
    Guid SupervisingOrganizationId, string SupervisingName, double Weight, string TargetText, double? TargetValue, string? TargetUnit, string DueOn,
    double Progress, bool Overdue, string? LastReportedOn, Guid? LinksToMeasureId, IReadOnlyList<LinkedMeasureDto> Linked)
{
    public static MeasureDto From(TaskListMeasure m) => new(Guid.Parse(m.Id), Guid.Parse(m.TaskId), m.Ordinal, m.Title,
        Guid.Parse(m.ResponsibleOrganizationId), m.ResponsibleName, Guid.Parse(m.SupervisingOrganizationId), m.SupervisingName, m.Weight, m.TargetText,
        m.HasTargetValue ? m.TargetValue : null, Blank(m.TargetUnit), m.DueOn, m.Progress, m.Overdue, Blank(m.LastReportedOn),
        IdOf(m.LinksToMeasureId), m.Linked.Select(l => new LinkedMeasureDto(Guid.Parse(l.MeasureId), Guid.Parse(l.ListId), l.ListTitle, IdOf(l.SubsidiaryId),
            l.Title, l.Progress, l.Overdue)).ToList());

    internal static string? Blank(string value) => value.Length == 0 ? null : value;
    internal static Guid? IdOf(string value) => value.Length == 0 ? null : Guid.Parse(value);
}

public sealed record TaskDto(Guid Id, int Ordinal, string Title, double? ExplicitWeight, double Weight, double Progress, IReadOnlyList<MeasureDto> Measures);

public sealed record TaskListDto(Guid Id, string Title, int Year, string OwnerKind, Guid? SubsidiaryId, Guid? AllianceId, double Progress,
    int OverdueCount, IReadOnlyList<TaskDto> Tasks, long Version, bool CanChange, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static TaskListDto From(TaskList l) => new(Guid.Parse(l.Id), l.Title, l.Year, OwnerKinds.Name(l.OwnerKind), MeasureDto.IdOf(l.SubsidiaryId),
        MeasureDto.IdOf(l.AllianceId), l.Progress, l.OverdueCount,
        l.Tasks.Select(t => new TaskDto(Guid.Parse(t.Id), t.Ordinal, t.Title, t.HasExplicitWeight ? t.ExplicitWeight : null, t.Weight, t.Progress,
            t.Measures.Select(MeasureDto.From).ToList())).ToList(),
        l.Version, l.CanChange, ActivityTimes.InGroupTime(l.CreatedAt.ToDateTimeOffset()), l.CreatedBy);
}

public sealed record TaskListSummaryDto(Guid Id, string Title, int Year, string OwnerKind, Guid? SubsidiaryId, Guid? AllianceId, double Progress,
    int TaskCount, int MeasureCount, int OverdueCount, long Version)
{
    public static TaskListSummaryDto From(TaskListSummary l) => new(Guid.Parse(l.Id), l.Title, l.Year, OwnerKinds.Name(l.OwnerKind),
        MeasureDto.IdOf(l.SubsidiaryId), MeasureDto.IdOf(l.AllianceId), l.Progress, l.TaskCount, l.MeasureCount, l.OverdueCount, l.Version);
}

public sealed record ProgressReportDto(Guid Id, Guid MeasureId, double Percent, string? Note, string ReportedOn, string ReportedBy, DateTimeOffset RecordedAt,
    IReadOnlyList<string> EvidenceLinks)
{
    public static ProgressReportDto From(ProgressReport r) => new(Guid.Parse(r.Id), Guid.Parse(r.MeasureId), r.Percent, MeasureDto.Blank(r.Note), r.ReportedOn,
        r.ReportedBy, ActivityTimes.InGroupTime(r.RecordedAt.ToDateTimeOffset()), r.EvidenceLinks.ToList());
}

public sealed record OverdueMeasureDto(Guid ListId, string ListTitle, string TaskTitle, Guid MeasureId, string Title, string ResponsibleName,
    string SupervisingName, string DueOn, double Progress, Guid? AllianceId, Guid? SubsidiaryId)
{
    public static OverdueMeasureDto From(OverdueMeasure m) => new(Guid.Parse(m.ListId), m.ListTitle, m.TaskTitle, Guid.Parse(m.MeasureId), m.Title,
        m.ResponsibleName, m.SupervisingName, m.DueOn, m.Progress, MeasureDto.IdOf(m.AllianceId), MeasureDto.IdOf(m.SubsidiaryId));
}

public sealed record TaskListChangeDto(Guid Id, string Kind, long Version, DateTimeOffset ChangedAt, string ChangedBy, string ChangedByRole,
    IReadOnlyList<FieldChangeDto> Changes);

public sealed record FieldChangeDto(string Field, string OldValue, string NewValue);

public static class OwnerKinds
{
    public static readonly IReadOnlyDictionary<string, TaskListOwnerKind> ByName = new Dictionary<string, TaskListOwnerKind>
    {
        ["group"] = TaskListOwnerKind.Group, ["subsidiary"] = TaskListOwnerKind.Subsidiary, ["alliance"] = TaskListOwnerKind.Alliance,
    };

    public static string Name(TaskListOwnerKind kind) => ByName.FirstOrDefault(p => p.Value == kind).Key ?? "group";
}
