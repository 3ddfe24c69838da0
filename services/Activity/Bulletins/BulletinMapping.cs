using System.Globalization;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>Bulletins and nominations as the contracts and the integration events state them; months as yyyy-MM.</summary>
public static class BulletinMapping
{
    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool TryMonth(string? value, out DateOnly month) =>
        DateOnly.TryParseExact((value ?? "").Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);

    public static C.BulletinEntryItem ToContract(this BulletinEntry e)
    {
        var item = new C.BulletinEntryItem
        {
            Section = e.Section, SourceId = e.SourceId.ToString(), OccurredAt = Timestamp.FromDateTimeOffset(e.OccurredAt), TitleZh = e.TitleZh, TitleEn = e.TitleEn,
            DetailZh = e.DetailZh ?? "", DetailEn = e.DetailEn ?? "", OrganizationId = e.OrganizationId?.ToString() ?? "", Unit = e.Unit ?? "",
        };
        if (e.Measure is { } m) item.Measure = (double)m;
        return item;
    }

    public static C.BulletinDocument ToContract(this Bulletin b, CallerScope caller)
    {
        var d = new C.BulletinDocument
        {
            Id = b.Id.ToString(), AllianceId = b.AllianceId?.ToString() ?? "", ScopeName = b.ScopeName, Month = MonthKey(b.Month), State = Bulletin.StateName(b.State),
            TitleZh = b.TitleZh, TitleEn = b.TitleEn, LeadZh = b.LeadZh, LeadEn = b.LeadEn, SubmittedBy = b.SubmittedBy ?? "", ReviewedBy = b.ReviewedBy ?? "",
            ReturnReason = b.ReturnReason ?? "", PublishedBy = b.PublishedBy ?? "", Version = b.Version,
            MayEdit = b.State != BulletinState.Published && BulletinAccess.MayEdit(caller, b.AllianceId, b.LeadSubsidiaryId),
            MayReview = b.State != BulletinState.Published && BulletinAccess.MayReview(caller, b.AllianceId, b.LeadSubsidiaryId),
            CreatedAt = Timestamp.FromDateTimeOffset(b.CreatedAt), CreatedBy = b.CreatedBy,
        };
        if (b.PublishedAt is { } at) d.PublishedAt = Timestamp.FromDateTimeOffset(at);
        d.Sections.AddRange(b.Sections.Select(s => new C.BulletinSectionItem
        {
            Section = s.Section, TextZh = s.TextZh, TextEn = s.TextEn, Entries = { s.Entries.Select(ToContract) },
        }));
        d.Generated.AddRange(b.Generated.Select(ToContract));
        return d;
    }

    public static C.BulletinSummary ToSummary(this Bulletin b)
    {
        var s = new C.BulletinSummary
        {
            Id = b.Id.ToString(), AllianceId = b.AllianceId?.ToString() ?? "", ScopeName = b.ScopeName, Month = MonthKey(b.Month),
            State = Bulletin.StateName(b.State), TitleZh = b.TitleZh, TitleEn = b.TitleEn, Version = b.Version,
        };
        if (b.PublishedAt is { } at) s.PublishedAt = Timestamp.FromDateTimeOffset(at);
        return s;
    }

    public static C.Nomination ToContract(this Nomination n, CallerScope caller) => new()
    {
        Id = n.Id.ToString(), AllianceId = n.AllianceId?.ToString() ?? "", Month = MonthKey(n.Month), Kind = n.Kind.ToString().ToLowerInvariant(),
        NomineeId = n.NomineeId.ToString(), NomineeName = n.NomineeName, ReasonZh = n.ReasonZh, ReasonEn = n.ReasonEn, State = Nomination.StateName(n.State),
        ReviewNote = n.ReviewNote ?? "", NominatedBy = n.NominatedBy, NominatedAt = Timestamp.FromDateTimeOffset(n.NominatedAt), ReviewedBy = n.ReviewedBy ?? "",
        Version = n.Version, MayReview = n.State == NominationState.Proposed && BulletinAccess.MayReview(caller, n.AllianceId, n.LeadSubsidiaryId),
    };

    /// <summary>What reporting needs of a published bulletin: its scope, month and how many entries each section kept.</summary>
    public static BulletinPublished Published(Bulletin b, DateTimeOffset now) => new(Guid.CreateVersion7(now), b.LeadSubsidiaryId ?? Guid.Empty, now,
        b.Id, b.AllianceId, b.Month, b.Sections.ToDictionary(s => s.Section, s => s.Entries.Count), b.PublishedBy ?? "");
}
