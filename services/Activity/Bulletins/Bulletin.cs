using System.Globalization;
using System.Text.Json;
using Alliance.ServiceDefaults.Time;
using Grpc.Core;

namespace Alliance.Activity.Bulletins;

public enum BulletinState { Draft, InReview, Approved, Published }

/// <summary>A section of a bulletin as the editor left it: its text in both languages and the entries kept, in order.</summary>
public sealed record BulletinSectionText(string Section, string TextZh, string TextEn, IReadOnlyList<BulletinEntry> Entries);

/// <summary>
/// The monthly bulletin (攻坚战报) of an alliance or of the group: generated as a draft from every content source, revised
/// by an editor (title, lead paragraph and each section's text in Chinese and English; entries dropped or reordered),
/// submitted, approved or sent back by a reviewer who is not the submitter, and published — then immutable, with its
/// printed PDFs. Every step leaves an audit entry.
/// </summary>
public sealed class Bulletin
{
    public const int MaxTitleLength = 200;
    public const int MaxLeadLength = 4_000;
    public const int MaxSectionTextLength = 8_000;
    public const int MaxReasonLength = 500;

    public Guid Id { get; private set; }
    public Guid? AllianceId { get; private set; }
    public string ScopeName { get; private set; } = "";
    /// <summary>"group" or the alliance's id: one bulletin per scope and month.</summary>
    public string ScopeKey { get; private set; } = "";
    /// <summary>For an alliance's bulletin: the alliance's lead subsidiary, whose administrators and secretaries edit it.</summary>
    public Guid? LeadSubsidiaryId { get; private set; }
    /// <summary>The subsidiaries that see the bulletin before it is published (the alliance's); empty for the group's.</summary>
    public List<Guid> VisibleSubsidiaryIds { get; private set; } = [];
    public DateOnly Month { get; private set; }
    public BulletinState State { get; private set; }
    public string TitleZh { get; private set; } = "";
    public string TitleEn { get; private set; } = "";
    public string LeadZh { get; private set; } = "";
    public string LeadEn { get; private set; } = "";
    /// <summary>The sections as jsonb: [{ section, textZh, textEn, entries: [...] }], in print order.</summary>
    public string SectionsJson { get; private set; } = "[]";
    /// <summary>Every entry the sources gave at generation (jsonb), so a dropped entry can be put back.</summary>
    public string GeneratedJson { get; private set; } = "[]";
    public string? SubmittedBy { get; private set; }
    public string? ReviewedBy { get; private set; }
    public string? ReturnReason { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    readonly List<BulletinChange> _changes = [];
    public IReadOnlyList<BulletinChange> Changes => _changes;

    private Bulletin() { }

    public MeetingPeriod Period => new(PeriodLength.Monthly, Month);

    public IReadOnlyList<BulletinSectionText> Sections =>
        JsonSerializer.Deserialize<List<BulletinSectionText>>(SectionsJson, JsonSerializerOptions.Web) ?? [];

    public IReadOnlyList<BulletinEntry> Generated =>
        JsonSerializer.Deserialize<List<BulletinEntry>>(GeneratedJson, JsonSerializerOptions.Web) ?? [];

    public static Bulletin Generate(Guid? allianceId, string scopeName, Guid? leadSubsidiaryId, IReadOnlyList<Guid> visibleSubsidiaryIds, MeetingPeriod month,
        IReadOnlyList<BulletinEntry> entries, Actor by, DateTimeOffset now)
    {
        var label = month.FirstDay.ToString("yyyy年M月", CultureInfo.InvariantCulture);
        var labelEn = month.FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var bulletin = new Bulletin
        {
            Id = Guid.CreateVersion7(now), AllianceId = allianceId, ScopeName = scopeName, ScopeKey = allianceId?.ToString() ?? "group",
            LeadSubsidiaryId = leadSubsidiaryId, VisibleSubsidiaryIds = [.. visibleSubsidiaryIds], Month = month.FirstDay, State = BulletinState.Draft,
            TitleZh = $"{scopeName}攻坚战报（{label}）", TitleEn = $"{scopeName} bulletin, {labelEn}",
            LeadZh = $"{label}，{scopeName}共有{entries.Count}项工作进展。", LeadEn = $"In {labelEn}, {entries.Count} items of joint work were reported.",
            SectionsJson = Json(BulletinSections.InOrder.Select(s => new BulletinSectionText(s, "", "", entries.Where(e => e.Section == s).ToList())).ToList()),
            GeneratedJson = Json(entries), Version = 1, CreatedAt = now, CreatedBy = by.UserName,
        };
        bulletin.Record("generated", [new("month", "", month.Key), new("entries", "", entries.Count.ToString(CultureInfo.InvariantCulture))], by, now);
        return bulletin;
    }

    /// <summary>The editor's revision: texts, and per section the generated entries kept, in the order given.</summary>
    public void Revise(BulletinText text, IReadOnlyList<(string Section, string TextZh, string TextEn, IReadOnlyList<Guid> EntryIds)> sections, Actor by, DateTimeOffset now)
    {
        EnsureState(BulletinState.Draft, "revised");
        var generated = Generated;
        var revised = new List<BulletinSectionText>();
        foreach (var name in BulletinSections.InOrder)
        {
            var given = sections.FirstOrDefault(s => s.Section == name);
            var current = Sections.FirstOrDefault(s => s.Section == name);
            if (given.Section is null)
            {
                revised.Add(current ?? new BulletinSectionText(name, "", "", []));
                continue;
            }
            var entries = new List<BulletinEntry>();
            foreach (var id in given.EntryIds.Distinct())
                entries.Add(generated.FirstOrDefault(e => e.Section == name && e.SourceId == id)
                    ?? throw new ActivityRuleException($"sections.{name}.entryIds", $"{id} is no generated entry of the section.", StatusCode.InvalidArgument));
            revised.Add(new BulletinSectionText(name, given.TextZh.Trim(), given.TextEn.Trim(), entries));
        }
        var changes = new List<FieldChange>();
        void Field(string field, string before, string after) { if (before != after) changes.Add(new(field, before, after)); }
        Field("titleZh", TitleZh, text.TitleZh.Trim());
        Field("titleEn", TitleEn, text.TitleEn.Trim());
        Field("leadZh", LeadZh, text.LeadZh.Trim());
        Field("leadEn", LeadEn, text.LeadEn.Trim());
        var json = Json(revised);
        if (json != SectionsJson) changes.Add(new("sections", Summary(Sections), Summary(revised)));
        (TitleZh, TitleEn, LeadZh, LeadEn, SectionsJson) = (text.TitleZh.Trim(), text.TitleEn.Trim(), text.LeadZh.Trim(), text.LeadEn.Trim(), json);
        Version++;
        Record("revised", changes, by, now);
    }

    public void Submit(Actor by, DateTimeOffset now)
    {
        EnsureState(BulletinState.Draft, "submitted");
        State = BulletinState.InReview;
        SubmittedBy = by.UserName;
        ReturnReason = null;
        Step("submitted", BulletinState.Draft, by, now);
    }

    public void Approve(Actor by, DateTimeOffset now)
    {
        EnsureState(BulletinState.InReview, "approved");
        EnsureOtherReviewer(by);
        State = BulletinState.Approved;
        ReviewedBy = by.UserName;
        Step("approved", BulletinState.InReview, by, now);
    }

    public void Return(string reason, Actor by, DateTimeOffset now)
    {
        EnsureState(BulletinState.InReview, "sent back");
        EnsureOtherReviewer(by);
        State = BulletinState.Draft;
        ReviewedBy = by.UserName;
        ReturnReason = reason.Trim();
        Step("returned", BulletinState.InReview, by, now, reason.Trim());
    }

    public void Publish(Actor by, DateTimeOffset now)
    {
        EnsureState(BulletinState.Approved, "published");
        State = BulletinState.Published;
        PublishedAt = now;
        PublishedBy = by.UserName;
        Step("published", BulletinState.Approved, by, now);
    }

    void EnsureOtherReviewer(Actor by)
    {
        if (by.UserName == SubmittedBy) throw new ActivityRuleException("reviewer", "A bulletin is reviewed by someone other than the person who submitted it.");
    }

    void EnsureState(BulletinState state, string action)
    {
        if (State == BulletinState.Published) throw new ActivityRuleException("state", "A published bulletin is immutable.");
        if (State != state) throw new ActivityRuleException("state", $"Only a bulletin {StateName(state)} can be {action}; this one is {StateName(State)}.");
    }

    void Step(string kind, BulletinState from, Actor by, DateTimeOffset now, string? reason = null)
    {
        Version++;
        var changes = new List<FieldChange> { new("state", StateName(from), StateName(State)) };
        if (reason is not null) changes.Add(new("reason", "", reason));
        Record(kind, changes, by, now);
    }

    public static string StateName(BulletinState state) => state switch
    {
        BulletinState.Draft => "draft",
        BulletinState.InReview => "in-review",
        BulletinState.Approved => "approved",
        _ => "published",
    };

    static string Summary(IReadOnlyList<BulletinSectionText> sections) =>
        string.Join("; ", sections.Select(s => $"{s.Section}: {s.Entries.Count}"));

    static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    void Record(string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now) => _changes.Add(new BulletinChange(Id, kind, Version, changes, by, now));
}

public sealed record BulletinText(string TitleZh, string TitleEn, string LeadZh, string LeadEn);

/// <summary>A published bulletin's printed PDF in one language (zh-CN or en-US), stored once and never changed.</summary>
public sealed class BulletinPdf
{
    public Guid BulletinId { get; private set; }
    public string Language { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public string Sha256 { get; private set; } = "";
    public DateTimeOffset PrintedAt { get; private set; }

    private BulletinPdf() { }

    public BulletinPdf(Guid bulletinId, string language, byte[] content, DateTimeOffset now) =>
        (BulletinId, Language, Content, Sha256, PrintedAt) = (bulletinId, language, content, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), now);
}

/// <summary>An entry of a bulletin's audit log.</summary>
public sealed class BulletinChange : FieldAuditEntry
{
    public Guid BulletinId { get; private set; }

    private BulletinChange() { }

    internal BulletinChange(Guid bulletinId, string kind, long version, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now)
        : base(kind, version, changes, by, now) => BulletinId = bulletinId;
}
