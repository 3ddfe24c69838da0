using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;

namespace Alliance.Gateway.OrganizationLife;

/// <summary>A meeting rule as a client gives it; subsidiaryId only on creation (none: the group's rule).</summary>
public sealed record MeetingRuleBody(Guid? SubsidiaryId, string? OrganizationKind, string? NameZh, string? NameEn, string? Period,
    List<string?>? ActivityTypeIds, int? RemindDaysBefore, bool? Retired, long? ExpectedVersion);

public sealed record MeetingRuleDto(Guid Id, Guid? SubsidiaryId, string OrganizationKind, string NameZh, string NameEn, string Period,
    IReadOnlyList<Guid> ActivityTypeIds, int RemindDaysBefore, bool Retired, long Version, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static MeetingRuleDto From(MeetingRule r) => new(Guid.Parse(r.Id), r.SubsidiaryId.Length == 0 ? null : Guid.Parse(r.SubsidiaryId),
        r.OrganizationKind, r.NameZh, r.NameEn, r.Period, r.ActivityTypeIds.Select(Guid.Parse).ToList(), r.RemindDaysBefore, r.Retired, r.Version,
        ActivityTimes.InGroupTime(r.UpdatedAt.ToDateTimeOffset()), r.UpdatedBy);
}

public sealed record MeetingRuleChangeDto(string Kind, long Version, DateTimeOffset ChangedAt, string ChangedBy, string ChangedByRole, System.Text.Json.JsonElement Rule)
{
    public static MeetingRuleChangeDto From(MeetingRuleChange c) => new(c.Kind, c.Version, ActivityTimes.InGroupTime(c.ChangedAt.ToDateTimeOffset()),
        c.ChangedBy, c.ChangedByRole, System.Text.Json.JsonDocument.Parse(c.RuleJson).RootElement.Clone());
}

public sealed record RuleStateDto(Guid RuleId, string NameZh, string NameEn, string Period, string PeriodKey, string FirstDay, string DueOn,
    string State, int HeldCount, DateTimeOffset? LastHeldAt)
{
    public static RuleStateDto From(RuleState r) => new(Guid.Parse(r.RuleId), r.NameZh, r.NameEn, r.Period, r.PeriodKey, r.FirstDay, r.DueOn,
        r.State, r.HeldCount, r.LastHeldAt is null ? null : ActivityTimes.InGroupTime(r.LastHeldAt.ToDateTimeOffset()));
}

public sealed record OrganizationBoardDto(Guid OrganizationId, string Name, Guid SubsidiaryId, string OrganizationKind, string Today,
    int Due, int Done, int Overdue, IReadOnlyList<RuleStateDto> Rules)
{
    public static OrganizationBoardDto From(OrganizationBoard b) => new(Guid.Parse(b.OrganizationId), b.Name, Guid.Parse(b.SubsidiaryId),
        b.OrganizationKind, b.Today, b.Due, b.Done, b.Overdue, b.Rules.Select(RuleStateDto.From).ToList());
}

/// <summary>A page of the board with the totals over every organization it covers.</summary>
public sealed record OrganizationBoardsDto(IReadOnlyList<OrganizationBoardDto> Items, int Total, int Page, int PageSize, string Today,
    int Organizations, int Due, int Done, int Overdue);
