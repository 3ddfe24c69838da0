using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;

namespace Alliance.Gateway.Lists;

/// <summary>What a problem says, given whole on posting and on revision (then with the version last read).</summary>
public sealed record ProblemBody(Guid? AllianceId, Guid? MemberUnitId, string? Title, string? Need, string? Category, string? Urgency,
    List<string?>? Tags, string? WantedBy, long? ExpectedVersion);

public sealed record WithdrawProblemBody(string? Reason, long? ExpectedVersion);

public sealed record ProblemDto(Guid Id, Guid AllianceId, string AllianceName, Guid MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId,
    string UnitName, bool External, string Title, string Need, string Category, string Urgency, IReadOnlyList<string> Tags, string? WantedBy,
    string State, string? Outcome, string? WithdrawReason, DateTimeOffset? ResolvedAt, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset UpdatedAt, string UpdatedBy, long Version, bool CanChange)
{
    public static ProblemDto From(Problem p) => new(Guid.Parse(p.Id), Guid.Parse(p.AllianceId), p.AllianceName, Guid.Parse(p.MemberUnitId),
        p.HasOrganizationId ? Guid.Parse(p.OrganizationId) : null, p.HasSubsidiaryId ? Guid.Parse(p.SubsidiaryId) : null, p.UnitName, p.External,
        p.Details.Title, p.Details.Need, p.Details.Category, p.Details.Urgency, p.Details.Tags.ToList(), Blank(p.Details.WantedBy), p.State,
        Blank(p.Outcome), Blank(p.WithdrawReason), p.ResolvedAt is null ? null : ActivityTimes.InGroupTime(p.ResolvedAt.ToDateTimeOffset()),
        ActivityTimes.InGroupTime(p.CreatedAt.ToDateTimeOffset()), p.CreatedBy, ActivityTimes.InGroupTime(p.UpdatedAt.ToDateTimeOffset()), p.UpdatedBy,
        p.Version, p.CanChange);

    internal static string? Blank(string value) => value.Length == 0 ? null : value;
}

public sealed record ProblemListQuery(int? Page, int? PageSize, string? Search, string? Tag, string? Category, string? State, Guid? AllianceId,
    Guid? MemberUnitId, string? Sort);

public sealed record WindowBody(string? From, string? To);

public sealed record PersonBody(Guid? PersonId, string? Name, List<string?>? Skills);

/// <summary>
/// What an offer says, given whole on offering and on revision. Scope alliance (default: AllianceId and MemberUnitId) or
/// group (OrganizationId).
/// </summary>
public sealed record ResourceOfferBody(string? Scope, Guid? AllianceId, Guid? MemberUnitId, Guid? OrganizationId, string? Kind, string? Title,
    string? Description, List<string?>? Tags, decimal? Capacity, string? CapacityUnit, List<WindowBody?>? Windows, List<PersonBody?>? People,
    long? ExpectedVersion);

public sealed record VersionBody(long? ExpectedVersion);

public sealed record WindowDto(string From, string To);

public sealed record PersonDto(Guid? PersonId, string Name, IReadOnlyList<string> Skills);

public sealed record ResourceOfferDto(Guid Id, string Scope, Guid? AllianceId, string? AllianceName, Guid? MemberUnitId, Guid? OrganizationId,
    Guid? SubsidiaryId, string UnitName, bool External, string Kind, string Title, string Description, IReadOnlyList<string> Tags, decimal? Capacity,
    string? CapacityUnit, int Used, IReadOnlyList<WindowDto> Windows, IReadOnlyList<PersonDto> People, string State,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, long Version, bool CanChange)
{
    public static ResourceOfferDto From(ResourceOffer o) => new(Guid.Parse(o.Id), o.Scope, IdOf(o.AllianceId), ProblemDto.Blank(o.AllianceName),
        IdOf(o.MemberUnitId), o.HasOrganizationId ? Guid.Parse(o.OrganizationId) : null, o.HasSubsidiaryId ? Guid.Parse(o.SubsidiaryId) : null,
        o.UnitName, o.External, o.Details.Kind, o.Details.Title, o.Details.Description, o.Details.Tags.ToList(),
        o.Details.HasCapacity ? (decimal)o.Details.Capacity : null, ProblemDto.Blank(o.Details.CapacityUnit), o.Used,
        o.Details.Windows.Select(w => new WindowDto(w.From, w.To)).ToList(),
        o.Details.People.Select(p => new PersonDto(IdOf(p.PersonId), p.Name, p.Skills.ToList())).ToList(), o.State,
        ActivityTimes.InGroupTime(o.CreatedAt.ToDateTimeOffset()), o.CreatedBy, ActivityTimes.InGroupTime(o.UpdatedAt.ToDateTimeOffset()), o.UpdatedBy,
        o.Version, o.CanChange);

    internal static Guid? IdOf(string value) => Guid.TryParse(value, out var id) ? id : null;
}

public sealed record ResourceOfferListQuery(int? Page, int? PageSize, string? Search, string? Tag, string? Kind, string? State, Guid? AllianceId,
    string? Scope, string? Sort);

/// <summary>One part of a match's score, with its reason in both languages.</summary>
public sealed record ScorePartDto(string Name, double Points, string Zh, string En);

public sealed record RankedMatchDto(ResourceOfferDto Offer, double Score, IReadOnlyList<ScorePartDto> Parts);

public sealed record RankedMatchesDto(Guid ProblemId, int Candidates, IReadOnlyList<RankedMatchDto> Items)
{
    public static RankedMatchesDto From(RankedMatches r) => new(Guid.Parse(r.ProblemId), r.Candidates,
        r.Items.Select(i => new RankedMatchDto(ResourceOfferDto.From(i.Offer), i.Score, i.Parts.Select(Part).ToList())).ToList());

    internal static ScorePartDto Part(ScorePart p) => new(p.Name, p.Points, p.Zh, p.En);
}

public sealed record ProposeMatchBody(Guid? OfferId, string? Note);

public sealed record DeclineMatchBody(string? Reason, long? ExpectedVersion);

public sealed record ResolveMatchBody(string? Outcome, Guid? EvidenceActivityId, List<Guid?>? EvidenceAttachmentIds, List<string?>? EvidenceLinks,
    long? ExpectedVersion);

public sealed record MatchDto(Guid Id, Guid ProblemId, string ProblemTitle, Guid OfferId, string OfferTitle, Guid AllianceId, string State, double Score,
    IReadOnlyList<ScorePartDto> Parts, string? Note, string? DeclineReason, string? Outcome, Guid? EvidenceActivityId,
    IReadOnlyList<Guid> EvidenceAttachmentIds, IReadOnlyList<string> EvidenceLinks, DateTimeOffset ProposedAt, string ProposedBy,
    DateTimeOffset? DecidedAt, string? DecidedBy, DateTimeOffset? ResolvedAt, string? ResolvedBy, long Version, bool CanDecide)
{
    public static MatchDto From(ResourceMatch m) => new(Guid.Parse(m.Id), Guid.Parse(m.ProblemId), m.ProblemTitle, Guid.Parse(m.OfferId), m.OfferTitle,
        Guid.Parse(m.AllianceId), m.State, m.Score, m.Parts.Select(RankedMatchesDto.Part).ToList(), ProblemDto.Blank(m.Note),
        ProblemDto.Blank(m.DeclineReason), ProblemDto.Blank(m.Outcome), ResourceOfferDto.IdOf(m.EvidenceActivityId),
        m.EvidenceAttachmentIds.Select(Guid.Parse).ToList(), m.EvidenceLinks.ToList(), ActivityTimes.InGroupTime(m.ProposedAt.ToDateTimeOffset()),
        m.ProposedBy, m.DecidedAt is null ? null : ActivityTimes.InGroupTime(m.DecidedAt.ToDateTimeOffset()), ProblemDto.Blank(m.DecidedBy),
        m.ResolvedAt is null ? null : ActivityTimes.InGroupTime(m.ResolvedAt.ToDateTimeOffset()), ProblemDto.Blank(m.ResolvedBy), m.Version, m.CanDecide);
}

public sealed record ResourceCatalogueDto(Guid AllianceId, string AllianceName, string From, string To, IReadOnlyList<ResourceOfferDto> Offers);

public sealed record CatalogueQuery(string? From, string? To, string? Lang);
