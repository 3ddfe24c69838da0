namespace Alliance.Contracts.Events;

/// <summary>
/// A task list (任务清单) was created for a year: owned by the group (no subsidiary, no alliance), a subsidiary, or an
/// alliance (with its lead subsidiary). OwnerKind: group, subsidiary, alliance. TenantId is the owning subsidiary (the
/// lead subsidiary for an alliance's list), Guid.Empty for the group's.
/// </summary>
public sealed record TaskListCreated(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid TaskListId, string Title, int Year, string OwnerKind, Guid? SubsidiaryId, Guid? AllianceId) : IIntegrationEvent;

/// <summary>
/// A measure was added to a task of a list: its responsible and supervising departments (organization and subsidiary),
/// weight, typed target (value and unit when given), due date, and the group measure it serves when it is a subsidiary's
/// subordinate plan. TaskWeight is the weight the roll-up uses for the task after the change.
/// </summary>
public sealed record MeasureAdded(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid TaskListId, int Year, Guid? AllianceId, Guid TaskId, string TaskTitle, Guid MeasureId, string Title,
    Guid ResponsibleOrganizationId, Guid ResponsibleSubsidiaryId, Guid SupervisingOrganizationId, Guid SupervisingSubsidiaryId,
    decimal Weight, decimal? TargetValue, string? TargetUnit, DateOnly DueOn, Guid? LinksToMeasureId) : IIntegrationEvent;

/// <summary>
/// Progress was reported on a measure: the measure's percent before and after, and the weighted roll-up it produced for
/// its task and its list (percent, two decimals), so reporting can chart task-list completion without recomputing.
/// </summary>
public sealed record MeasureProgressReported(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid TaskListId, int Year, Guid? AllianceId, Guid? SubsidiaryId, Guid TaskId, Guid MeasureId, Guid ResponsibleOrganizationId,
    decimal FromPercent, decimal Percent, DateOnly ReportedOn, decimal TaskProgress, decimal ListProgress, DateOnly DueOn) : IIntegrationEvent;

/// <summary>
/// A measure passed its due date below 100 % (flagged once per measure by the activity service's daily sweep); it shows
/// on the supervision board's overdue measures until it is complete.
/// </summary>
public sealed record MeasureOverdue(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid TaskListId, int Year, Guid? AllianceId, Guid? SubsidiaryId, Guid MeasureId, string Title,
    Guid ResponsibleOrganizationId, Guid ResponsibleSubsidiaryId, Guid SupervisingOrganizationId, DateOnly DueOn, decimal Percent) : IIntegrationEvent;

/// <summary>
/// A monthly bulletin (攻坚战报) of an alliance (or of the group: no alliance) was published; EntriesPerSection counts the
/// entries it kept in each section (milestones, problems-resolved, activities, nominations).
/// </summary>
public sealed record BulletinPublished(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid BulletinId, Guid? AllianceId, DateOnly Month, IReadOnlyDictionary<string, int> EntriesPerSection, string PublishedBy) : IIntegrationEvent;
