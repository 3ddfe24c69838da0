using System.Globalization;
using Alliance.Contracts.Events;
using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

internal static class ListMapping
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static C.Problem ToContract(this Problem p, bool canChange)
    {
        var contract = new C.Problem
        {
            Id = p.Id.ToString(), AllianceId = p.AllianceId.ToString(), AllianceName = p.AllianceName, MemberUnitId = p.MemberUnitId.ToString(),
            UnitName = p.UnitName, External = p.OrganizationId is null,
            Details = new C.ProblemDetails
            {
                Title = p.Title, Need = p.Need, Category = ListVocabulary.Name(p.Category), Urgency = ListVocabulary.Name(p.Urgency),
                WantedBy = p.WantedBy is { } w ? Day(w) : "",
            },
            State = ListVocabulary.Name(p.State), Outcome = p.Outcome ?? "", WithdrawReason = p.WithdrawReason ?? "",
            CreatedAt = Timestamp.FromDateTimeOffset(p.CreatedAt), CreatedBy = p.CreatedBy,
            UpdatedAt = Timestamp.FromDateTimeOffset(p.UpdatedAt), UpdatedBy = p.UpdatedBy, Version = p.Version, CanChange = canChange,
        };
        contract.Details.Tags.AddRange(p.Tags);
        if (p.OrganizationId is { } o) contract.OrganizationId = o.ToString();
        if (p.SubsidiaryId is { } s) contract.SubsidiaryId = s.ToString();
        if (p.ResolvedAt is { } r) contract.ResolvedAt = Timestamp.FromDateTimeOffset(r);
        return contract;
    }

    public static C.ResourceOffer ToContract(this ResourceOffer o, bool canChange)
    {
        var details = new C.ResourceOfferDetails
        {
            Kind = ListVocabulary.Name(o.Kind), Title = o.Title, Description = o.Description, CapacityUnit = o.CapacityUnit ?? "",
        };
        if (o.Capacity is { } c) details.Capacity = (double)c;
        details.Tags.AddRange(o.Tags);
        details.Windows.AddRange(o.Windows.Select(w => new C.AvailabilityWindow { From = Day(w.From), To = Day(w.To) }));
        details.People.AddRange(o.People.Select(p =>
        {
            var person = new C.OfferedPerson { PersonId = p.PersonId?.ToString() ?? "", Name = p.Name };
            person.Skills.AddRange(p.Skills);
            return person;
        }));
        var contract = new C.ResourceOffer
        {
            Id = o.Id.ToString(), Scope = ListVocabulary.Name(o.Scope), AllianceId = o.AllianceId?.ToString() ?? "", AllianceName = o.AllianceName ?? "",
            MemberUnitId = o.MemberUnitId?.ToString() ?? "", UnitName = o.UnitName, External = o.OrganizationId is null, Details = details,
            State = ListVocabulary.Name(o.State), Used = o.Used,
            CreatedAt = Timestamp.FromDateTimeOffset(o.CreatedAt), CreatedBy = o.CreatedBy,
            UpdatedAt = Timestamp.FromDateTimeOffset(o.UpdatedAt), UpdatedBy = o.UpdatedBy, Version = o.Version, CanChange = canChange,
        };
        if (o.OrganizationId is { } org) contract.OrganizationId = org.ToString();
        if (o.SubsidiaryId is { } s) contract.SubsidiaryId = s.ToString();
        return contract;
    }

    public static C.ScorePart ToContract(this ScorePart p) => new() { Name = p.Name, Points = Math.Round(p.Points, 4), Zh = p.Zh, En = p.En };

    public static C.ResourceMatch ToContract(this ResourceMatch m, Problem problem, ResourceOffer offer, bool canDecide)
    {
        var contract = new C.ResourceMatch
        {
            Id = m.Id.ToString(), ProblemId = m.ProblemId.ToString(), ProblemTitle = problem.Title, OfferId = m.OfferId.ToString(), OfferTitle = offer.Title,
            AllianceId = m.AllianceId.ToString(), State = ListVocabulary.Name(m.State), Score = m.Score, Note = m.Note ?? "",
            DeclineReason = m.DeclineReason ?? "", Outcome = m.Outcome ?? "", EvidenceActivityId = m.EvidenceActivityId?.ToString() ?? "",
            ProposedAt = Timestamp.FromDateTimeOffset(m.ProposedAt), ProposedBy = m.ProposedBy, DecidedBy = m.DecidedBy ?? "",
            ResolvedBy = m.ResolvedBy ?? "", Version = m.Version, CanDecide = canDecide,
        };
        contract.Parts.AddRange(m.Parts.Select(ToContract));
        contract.EvidenceAttachmentIds.AddRange(m.EvidenceAttachmentIds.Select(a => a.ToString()));
        contract.EvidenceLinks.AddRange(m.EvidenceLinks);
        if (m.DecidedAt is { } d) contract.DecidedAt = Timestamp.FromDateTimeOffset(d);
        if (m.ResolvedAt is { } r) contract.ResolvedAt = Timestamp.FromDateTimeOffset(r);
        return contract;
    }

    public static ProblemPosted Posted(Problem p, DateTimeOffset now) => new(Guid.CreateVersion7(now), p.TenantId, now,
        p.Id, p.AllianceId, p.MemberUnitId, p.OrganizationId, p.SubsidiaryId, p.Title, ListVocabulary.Name(p.Category),
        ListVocabulary.Name(p.Urgency), [.. p.Tags], p.WantedBy);

    public static ProblemStateChanged StateChanged(Problem p, ProblemState from, DateTimeOffset now) => new(Guid.CreateVersion7(now), p.TenantId, now,
        p.Id, p.AllianceId, p.MemberUnitId, p.OrganizationId, p.SubsidiaryId, ListVocabulary.Name(p.Category), ListVocabulary.Name(from),
        ListVocabulary.Name(p.State), p.CreatedAt, p.AcceptedMatchId);

    public static ResourceOffered Offered(ResourceOffer o, DateTimeOffset now) => new(Guid.CreateVersion7(now), o.TenantId, now,
        o.Id, ListVocabulary.Name(o.Scope), o.AllianceId, o.MemberUnitId, o.OrganizationId, o.SubsidiaryId, ListVocabulary.Name(o.Kind), o.Title,
        o.Capacity, o.CapacityUnit);

    public static MatchProposed Proposed(ResourceMatch m, Problem p, ResourceOffer o, DateTimeOffset now) => new(Guid.CreateVersion7(now), p.TenantId, now,
        m.Id, p.Id, o.Id, m.AllianceId, ListVocabulary.Name(p.Category), ListVocabulary.Name(o.Kind), m.Score);

    public static MatchAccepted Accepted(ResourceMatch m, Problem p, ResourceOffer o, DateTimeOffset now) => new(Guid.CreateVersion7(now), p.TenantId, now,
        m.Id, p.Id, o.Id, m.AllianceId, ListVocabulary.Name(p.Category), ListVocabulary.Name(o.Kind), m.Score);

    public static MatchDeclined Declined(ResourceMatch m, Problem p, ResourceOffer o, DateTimeOffset now) => new(Guid.CreateVersion7(now), p.TenantId, now,
        m.Id, p.Id, o.Id, m.AllianceId, ListVocabulary.Name(p.Category), ListVocabulary.Name(o.Kind), m.Score, m.DeclineReason ?? "");
}
