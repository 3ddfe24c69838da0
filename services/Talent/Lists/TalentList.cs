namespace Alliance.Talent.Lists;

/// <summary>
/// A dynamic list (动态名单): one of the built-in "50+50" lists (<see cref="ReserveCadres"/>, <see cref="YoungBackbone"/>)
/// or one an administrator defined, for the group or for one subsidiary. Its criteria are text for people plus the filters
/// a nomination is checked against (max age, min education, party membership), the size limit per unit that listing
/// enforces, and the re-evaluation period.
/// </summary>
public sealed class TalentList
{
    public const string ReserveCadresKind = "reserve-cadres";
    public const string YoungBackboneKind = "young-backbone";
    public const string DefinedKind = "defined";

    public static readonly Guid ReserveCadres = new("0199b000-0000-7000-8000-000000000001");
    public static readonly Guid YoungBackbone = new("0199b000-0000-7000-8000-000000000002");

    public Guid Id { get; private set; }
    public string Kind { get; private set; } = DefinedKind;
    public string NameZh { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string Criteria { get; private set; } = "";
    public int? MaxAge { get; private set; }
    public string? MinEducationLevel { get; private set; }
    public bool MustBePartyMember { get; private set; }
    public int? SizeLimitPerUnit { get; private set; }
    public int? ReevaluationMonths { get; private set; }
    public Guid? SubsidiaryId { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public bool BuiltIn => Kind != DefinedKind;

    TalentList() { }

    public sealed record Definition(string NameZh, string NameEn, string Criteria, int? MaxAge, string? MinEducationLevel,
        bool MustBePartyMember, int? SizeLimitPerUnit, int? ReevaluationMonths, Guid? SubsidiaryId);

    public static TalentList Define(Definition d, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), Kind = DefinedKind, NameZh = d.NameZh.Trim(), NameEn = d.NameEn.Trim(), Criteria = d.Criteria.Trim(),
        MaxAge = d.MaxAge, MinEducationLevel = d.MinEducationLevel, MustBePartyMember = d.MustBePartyMember,
        SizeLimitPerUnit = d.SizeLimitPerUnit, ReevaluationMonths = d.ReevaluationMonths, SubsidiaryId = d.SubsidiaryId,
        Version = 1, CreatedAt = now, CreatedBy = by.UserName,
    };

    /// <summary>Why the person does not meet the list's filters, or null when they do (unknown age or education passes: it is checked at review).</summary>
    public string? Unmet(Profiles.Profile person, int year)
    {
        if (MustBePartyMember && !person.IsPartyMember) return $"{NameEn} takes party members only; {ShownName(person)} is not one.";
        if (MaxAge is { } max && person.BirthYear is { } born && year - born > max)
            return $"{NameEn} takes people up to {max} years old; {ShownName(person)} is {year - born}.";
        if (MinEducationLevel is { } min && person.EducationLevel is { } level && Profiles.Profile.EducationRank(level) < Profiles.Profile.EducationRank(min))
            return $"{NameEn} needs education {min} or higher; {ShownName(person)} has {level}.";
        return null;
    }

    static string ShownName(Profiles.Profile p) => p.Name.Length > 0 ? p.Name : "the person";
}
