using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

public static class DynamicListMapping
{
    public static C.TalentList ToContract(this TalentList l, bool canDefine)
    {
        var c = new C.TalentList
        {
            Id = l.Id.ToString(), Kind = l.Kind, NameZh = l.NameZh, NameEn = l.NameEn, BuiltIn = l.BuiltIn, Version = l.Version,
            CreatedAt = Timestamp.FromDateTimeOffset(l.CreatedAt), CreatedBy = l.CreatedBy, CanDefine = canDefine,
            Criteria = new C.ListCriteria
            {
                Text = l.Criteria, MaxAge = l.MaxAge ?? 0, MinEducationLevel = l.MinEducationLevel ?? "", MustBePartyMember = l.MustBePartyMember,
                SizeLimitPerUnit = l.SizeLimitPerUnit ?? 0, ReevaluationMonths = l.ReevaluationMonths ?? 0,
            },
        };
        if (l.SubsidiaryId is { } s) c.SubsidiaryId = s.ToString();
        return c;
    }

    public static C.ListEntry ToContract(this ListEntry e)
    {
        var c = new C.ListEntry
        {
            Id = e.Id.ToString(), ListId = e.ListId.ToString(), PersonId = e.PersonId.ToString(), PersonName = e.PersonName,
            SubsidiaryId = e.SubsidiaryId.ToString(), State = e.State, Reason = e.Reason, LeftInHr = e.LeftInHr,
            NotReevaluated = e.NotReevaluated, AwaitingReevaluation = e.AwaitingReevaluationId is not null,
            NominatedAt = Timestamp.FromDateTimeOffset(e.NominatedAt), NominatedBy = e.NominatedBy, Version = e.Version,
        };
        if (e.OrganizationId is { } o) c.OrganizationId = o.ToString();
        if (e.ListedAt is { } listed) c.ListedAt = Timestamp.FromDateTimeOffset(listed);
        if (e.EndedAt is { } ended) c.EndedAt = Timestamp.FromDateTimeOffset(ended);
        return c;
    }

    public static C.Reevaluation ToContract(this Reevaluation r, int pending)
    {
        var c = new C.Reevaluation
        {
            Id = r.Id.ToString(), ListId = r.ListId.ToString(), Period = r.Period, OpenedAt = Timestamp.FromDateTimeOffset(r.OpenedAt),
            OpenedBy = r.OpenedBy, Entries = r.Entries, Pending = pending, Flagged = r.Flagged,
        };
        if (r.SubsidiaryId is { } s) c.SubsidiaryId = s.ToString();
        if (r.ClosedAt is { } closed) c.ClosedAt = Timestamp.FromDateTimeOffset(closed);
        return c;
    }

    static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    public static Contracts.Events.ListEntryChanged Changed(ListEntry e, string listKind, string change, DateTimeOffset now) => new(
        Guid.CreateVersion7(now), e.SubsidiaryId, now, e.Id, e.ListId, listKind, e.PersonId, e.SubsidiaryId, e.OrganizationId, e.IsPartyMember,
        change, e.State, Day(e.NominatedAt), e.ListedAt is { } l ? Day(l) : null, e.EndedAt is { } x ? Day(x) : null);
}
