using Alliance.ServiceDefaults.Time;

namespace Alliance.Activity.Bulletins;

/// <summary>
/// A feature that contributes entries to the monthly bulletin (攻坚战报): tackling projects give the milestones reached,
/// the problem list the problems resolved, activities those held, nominations the people and units named outstanding.
/// Each feature registers its source (<c>services.AddScoped&lt;IBulletinContentSource, ...&gt;()</c>); the bulletin asks
/// every registered source for a month and a scope and keeps the entries as the draft's generated content.
/// </summary>
public interface IBulletinContentSource
{
    /// <summary>The section the entries go to; one of <see cref="BulletinSections"/>.</summary>
    string Section { get; }

    /// <summary>The entries of <paramref name="month"/> (a monthly <see cref="MeetingPeriod"/>) within <paramref name="scope"/>, oldest first.</summary>
    Task<IReadOnlyList<BulletinEntry>> EntriesAsync(BulletinScope scope, MeetingPeriod month, CancellationToken cancellationToken);
}

/// <summary>What a bulletin covers: one alliance, or (no alliance) the whole group.</summary>
public sealed record BulletinScope(Guid? AllianceId);

/// <summary>
/// One line of a bulletin as its source wrote it, in both languages. <paramref name="Measure"/> and <paramref name="Unit"/>
/// carry a typed outcome when there is one (e.g. 270 "days ahead", 1,200,000 "CNY collected").
/// </summary>
public sealed record BulletinEntry(
    string Section,
    Guid SourceId,
    DateTimeOffset OccurredAt,
    string TitleZh,
    string TitleEn,
    string? DetailZh = null,
    string? DetailEn = null,
    Guid? OrganizationId = null,
    decimal? Measure = null,
    string? Unit = null);

/// <summary>The sections of a bulletin, in the order it prints them.</summary>
public static class BulletinSections
{
    public const string Milestones = "milestones";
    public const string ProblemsResolved = "problems-resolved";
    public const string Activities = "activities";
    public const string Nominations = "nominations";

    public static readonly IReadOnlyList<string> InOrder = [Milestones, ProblemsResolved, Activities, Nominations];
}
