using Alliance.Contracts.Talent.V1;
using Alliance.Gateway.Activities;

namespace Alliance.Gateway.Talent;

public sealed record ProfileQuery(int? Page, int? PageSize, string? Query, string? Skill, string? Title, string? Certificate,
    Guid? SubsidiaryId, bool? PartyMembersOnly, string? Sort);

public sealed record ProfileBody(List<string?>? Skills, List<string?>? Certificates, string? EducationLevel, string? Education,
    List<string?>? Positions, int? BirthYear, long? ExpectedVersion);

public sealed record ProfileDto(Guid PersonId, Guid SubsidiaryId, string Name, string Kind, string Title, string Department,
    Guid? OrganizationId, string PartyStatus, string? JoinedOn, bool LeftInHr, IReadOnlyList<string> Skills, IReadOnlyList<string> Certificates,
    string EducationLevel, string Education, IReadOnlyList<string> Positions, int? BirthYear, long Version, DateTimeOffset UpdatedAt, bool CanChange)
{
    public static ProfileDto From(Profile p) => new(Guid.Parse(p.PersonId), Guid.Parse(p.SubsidiaryId), p.Name, p.Kind, p.Title, p.Department,
        p.HasOrganizationId ? Guid.Parse(p.OrganizationId) : null, p.PartyStatus, p.JoinedOn.Length > 0 ? p.JoinedOn : null, p.LeftInHr,
        [.. p.Skills], [.. p.Certificates], p.EducationLevel, p.Education, [.. p.Positions], p.BirthYear == 0 ? null : p.BirthYear, p.Version,
        ActivityTimes.InGroupTime(p.UpdatedAt.ToDateTimeOffset()), p.CanChange);
}

public sealed record ProfileFieldChangeDto(string Field, string OldValue, string NewValue);

public sealed record ProfileChangeDto(Guid Id, long Version, DateTimeOffset ChangedAt, string ChangedBy, string ChangedByRole, IReadOnlyList<ProfileFieldChangeDto> Changes);

public sealed record CriteriaBody(string? Text, int? MaxAge, string? MinEducationLevel, bool? MustBePartyMember, int? SizeLimitPerUnit, int? ReevaluationMonths);

public sealed record ListBody(string? NameZh, string? NameEn, CriteriaBody? Criteria, Guid? SubsidiaryId);

public sealed record CriteriaDto(string Text, int? MaxAge, string? MinEducationLevel, bool MustBePartyMember, int? SizeLimitPerUnit, int? ReevaluationMonths);

public sealed record TalentListDto(Guid Id, string Kind, string NameZh, string NameEn, CriteriaDto Criteria, Guid? SubsidiaryId, bool BuiltIn,
    long Version, DateTimeOffset CreatedAt, string CreatedBy, bool CanDefine)
{
    public static TalentListDto From(TalentList l) => new(Guid.Parse(l.Id), l.Kind, l.NameZh, l.NameEn,
        new CriteriaDto(l.Criteria.Text, l.Criteria.MaxAge == 0 ? null : l.Criteria.MaxAge, l.Criteria.MinEducationLevel.Length > 0 ? l.Criteria.MinEducationLevel : null,
            l.Criteria.MustBePartyMember, l.Criteria.SizeLimitPerUnit == 0 ? null : l.Criteria.SizeLimitPerUnit,
            l.Criteria.ReevaluationMonths == 0 ? null : l.Criteria.ReevaluationMonths),
        l.HasSubsidiaryId ? Guid.Parse(l.SubsidiaryId) : null, l.BuiltIn, l.Version, ActivityTimes.InGroupTime(l.CreatedAt.ToDateTimeOffset()), l.CreatedBy, l.CanDefine);
}

public sealed record EntryQuery(int? Page, int? PageSize, Guid? SubsidiaryId, string? State, bool? FlaggedOnly, string? Sort);

public sealed record NominationBody(Guid? PersonId, string? Reason);

public sealed record DecisionBody(string? Reason, long? ExpectedVersion);

public sealed record ListEntryDto(Guid Id, Guid ListId, Guid PersonId, string PersonName, Guid SubsidiaryId, Guid? OrganizationId, string State,
    string Reason, bool LeftInHr, bool NotReevaluated, bool AwaitingReevaluation, DateTimeOffset NominatedAt, string NominatedBy,
    DateTimeOffset? ListedAt, DateTimeOffset? EndedAt, long Version)
{
    public static ListEntryDto From(ListEntry e) => new(Guid.Parse(e.Id), Guid.Parse(e.ListId), Guid.Parse(e.PersonId), e.PersonName,
        Guid.Parse(e.SubsidiaryId), e.HasOrganizationId ? Guid.Parse(e.OrganizationId) : null, e.State, e.Reason, e.LeftInHr, e.NotReevaluated,
        e.AwaitingReevaluation, ActivityTimes.InGroupTime(e.NominatedAt.ToDateTimeOffset()), e.NominatedBy,
        e.ListedAt is { } l ? ActivityTimes.InGroupTime(l.ToDateTimeOffset()) : null, e.EndedAt is { } x ? ActivityTimes.InGroupTime(x.ToDateTimeOffset()) : null, e.Version);
}

public sealed record UnitCountDto(Guid SubsidiaryId, int Listed, int Pending, int? Limit);

public sealed record EntryPageDto(IReadOnlyList<ListEntryDto> Items, int Total, int Page, int PageSize, IReadOnlyList<UnitCountDto> Units);

public sealed record EntryChangeDto(Guid Id, string Change, string Reason, DateTimeOffset ChangedAt, string ChangedBy, string ChangedByRole, long Version);

public sealed record ReevaluationBody(string? Period, Guid? SubsidiaryId);

public sealed record ReevaluationDto(Guid Id, Guid ListId, Guid? SubsidiaryId, string Period, DateTimeOffset OpenedAt, string OpenedBy,
    DateTimeOffset? ClosedAt, int Entries, int Pending, int Flagged)
{
    public static ReevaluationDto From(Reevaluation r) => new(Guid.Parse(r.Id), Guid.Parse(r.ListId), r.HasSubsidiaryId ? Guid.Parse(r.SubsidiaryId) : null,
        r.Period, ActivityTimes.InGroupTime(r.OpenedAt.ToDateTimeOffset()), r.OpenedBy, r.ClosedAt is { } c ? ActivityTimes.InGroupTime(c.ToDateTimeOffset()) : null,
        r.Entries, r.Pending, r.Flagged);
}
