using Alliance.ServiceDefaults.Search;

namespace Alliance.Talent.Profiles;

/// <summary>
/// A person's talent profile (人才档案). Three parts, each with its own source: the person (name, kind, subsidiary) from the
/// organization service's people events, the party data (organization, status, joined on) from its membership events, the
/// employment (title, department, left in HR) from its HR events; each part keeps the time of the event that set it, so an
/// older event arriving late changes nothing (<see cref="ApplyPerson"/>). Skills, certificates, education and positions
/// held are kept here only, changed through <see cref="Change"/>. Searchable texts are lower-cased beside their pinyin
/// keys (<see cref="NameSearchKey"/>) for the trigram indexes.
/// </summary>
public sealed class Profile
{
    public static readonly string[] EducationLevels = ["secondary", "associate", "bachelor", "master", "doctorate"];

    public Guid PersonId { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public string Name { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public DateTimeOffset? PersonAt { get; private set; }

    public Guid? OrganizationId { get; private set; }
    public string? PartyStatus { get; private set; }
    public DateOnly? JoinedOn { get; private set; }
    public DateTimeOffset? OrganizationAt { get; private set; }
    public DateTimeOffset? StatusAt { get; private set; }

    public string? Title { get; private set; }
    public string? Department { get; private set; }
    public bool LeftInHr { get; private set; }
    public DateTimeOffset? HrAt { get; private set; }

    public List<string> Skills { get; private set; } = [];
    public List<string> Certificates { get; private set; } = [];
    public string? EducationLevel { get; private set; }
    public string? Education { get; private set; }
    public List<string> Positions { get; private set; } = [];
    public int? BirthYear { get; private set; }

    /// <summary>Name, title, skills and certificates, lower-case, one per line: what characters match.</summary>
    public string SearchText { get; private set; } = "";
    /// <summary>The pinyin keys of the same texts (full and initials), space-separated.</summary>
    public string SearchKey { get; private set; } = "";
    public string SkillsText { get; private set; } = "";
    public string CertificatesText { get; private set; } = "";
    public string TitleText { get; private set; } = "";

    public long Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    Profile() { }

    /// <summary>A profile begun by whichever event about the person arrives first.</summary>
    public static Profile Begin(Guid personId, Guid subsidiaryId, DateTimeOffset at)
    {
        var profile = new Profile { PersonId = personId, SubsidiaryId = subsidiaryId, UpdatedAt = at, Version = 1 };
        profile.Reindex();
        return profile;
    }

    /// <summary>A party member now: a membership that was not transferred out.</summary>
    public bool IsPartyMember => PartyStatus is "probationary" or "full";

    public bool ApplyPerson(string name, string? kind, Guid subsidiaryId, DateTimeOffset at)
    {
        if (PersonAt is { } seen && seen > at) return false;
        Name = name.Trim();
        if (kind is not null) Kind = kind;
        SubsidiaryId = subsidiaryId;
        PersonAt = at;
        Touch(at);
        return true;
    }

    public void ApplyOrganization(Guid organizationId, DateTimeOffset at)
    {
        if (OrganizationAt is { } seen && seen > at) return;
        OrganizationId = organizationId;
        OrganizationAt = at;
        Touch(at);
    }

    public void ApplyStatus(string status, DateOnly? joinedOn, DateTimeOffset at)
    {
        if (StatusAt is { } seen && seen > at) return;
        PartyStatus = status;
        if (joinedOn is not null) JoinedOn = joinedOn;
        StatusAt = at;
        Touch(at);
    }

    public void ApplyHr(string? title, string? department, bool active, DateTimeOffset at)
    {
        if (HrAt is { } seen && seen > at) return;
        Title = Requests.Blank(title);
        Department = Requests.Blank(department);
        LeftInHr = !active;
        HrAt = at;
        Touch(at);
    }

    /// <summary>HR says the person left; true when this is news (the profile was not flagged by a newer event already).</summary>
    public bool ApplyLeftInHr(DateTimeOffset at)
    {
        if (HrAt is { } seen && seen > at) return false;
        var news = !LeftInHr;
        LeftInHr = true;
        HrAt = at;
        Touch(at);
        return news;
    }

    public sealed record Details(IReadOnlyList<string> Skills, IReadOnlyList<string> Certificates, string? EducationLevel,
        string? Education, IReadOnlyList<string> Positions, int? BirthYear);

    /// <summary>Replaces what only the talent service holds; the changed fields, old and new, for the audit log.</summary>
    public IReadOnlyList<ProfileFieldChange> Change(Details d, DateTimeOffset now)
    {
        var changes = new List<ProfileFieldChange>();
        void Compare(string field, string oldValue, string newValue)
        {
            if (oldValue != newValue) changes.Add(new ProfileFieldChange(field, oldValue, newValue));
        }
        List<string> Clean(IEnumerable<string> values) => values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList();
        var skills = Clean(d.Skills);
        var certificates = Clean(d.Certificates);
        var positions = Clean(d.Positions);
        Compare("skills", string.Join("、", Skills), string.Join("、", skills));
        Compare("certificates", string.Join("、", Certificates), string.Join("、", certificates));
        Compare("educationLevel", EducationLevel ?? "", d.EducationLevel ?? "");
        Compare("education", Education ?? "", d.Education ?? "");
        Compare("positions", string.Join("、", Positions), string.Join("、", positions));
        Compare("birthYear", BirthYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            d.BirthYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        if (changes.Count == 0) return changes;
        Skills = skills;
        Certificates = certificates;
        EducationLevel = d.EducationLevel;
        Education = d.Education;
        Positions = positions;
        BirthYear = d.BirthYear;
        Version++;
        Touch(now);
        return changes;
    }

    /// <summary>Where an education level stands (secondary 1 … doctorate 5); 0 when unknown.</summary>
    public static int EducationRank(string? level) => level is null ? 0 : Array.IndexOf(EducationLevels, level) + 1;

    void Touch(DateTimeOffset at)
    {
        if (at > UpdatedAt) UpdatedAt = at;
        Reindex();
    }

    void Reindex()
    {
        TitleText = (Title ?? "").ToLowerInvariant();
        SkillsText = string.Join('\n', Skills).ToLowerInvariant();
        CertificatesText = string.Join('\n', Certificates).ToLowerInvariant();
        SearchText = string.Join('\n', new[] { Name, Title ?? "" }.Concat(Skills).Concat(Certificates).Where(t => t.Length > 0)).ToLowerInvariant();
        SearchKey = string.Join(' ', new[] { Name, Title ?? "" }.Concat(Skills).Concat(Certificates)
            .Where(t => t.Length > 0).Select(t => NameSearchKey.For(t)).Where(k => !string.IsNullOrEmpty(k)));
    }
}

/// <summary>A field's value before and after a change, as text.</summary>
public sealed record ProfileFieldChange(string Field, string OldValue, string NewValue);

/// <summary>An entry of a profile's append-only audit log: who changed what, when, in which role.</summary>
public sealed class ProfileChange
{
    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public string ChangedByRole { get; private set; } = "";
    public string FieldChanges { get; private set; } = "[]";

    ProfileChange() { }

    public ProfileChange(Guid personId, long version, IReadOnlyList<ProfileFieldChange> changes, Actor by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        PersonId = personId;
        Version = version;
        ChangedAt = now;
        ChangedBy = by.UserName;
        ChangedByRole = by.Role;
        FieldChanges = System.Text.Json.JsonSerializer.Serialize(changes, System.Text.Json.JsonSerializerOptions.Web);
    }

    public IReadOnlyList<ProfileFieldChange> ReadChanges() =>
        System.Text.Json.JsonSerializer.Deserialize<List<ProfileFieldChange>>(FieldChanges, System.Text.Json.JsonSerializerOptions.Web) ?? [];
}
