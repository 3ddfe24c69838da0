namespace Alliance.Contracts.Events;

// A meeting rule (三会一课) as it stands after the change, whole: reporting keeps the highest Version of each rule, so
// the events may arrive in any order and more than once. OrganizationKind is committee, general-branch or branch;
// Period is monthly, quarterly, half-yearly or yearly. SubsidiaryId is null for a group rule (it binds every subsidiary).

/// <summary>An administrator added a meeting rule.</summary>
public sealed record MeetingRuleCreated(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid RuleId, Guid? SubsidiaryId, string OrganizationKind, string NameZh, string NameEn, string Period,
    IReadOnlyList<Guid> ActivityTypeIds, bool Retired, long Version) : IIntegrationEvent;

/// <summary>An administrator revised a meeting rule, or retired it (it binds no one from then on).</summary>
public sealed record MeetingRuleRevised(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt,
    Guid RuleId, Guid? SubsidiaryId, string OrganizationKind, string NameZh, string NameEn, string Period,
    IReadOnlyList<Guid> ActivityTypeIds, bool Retired, long Version) : IIntegrationEvent;
