namespace Alliance.Organization.HrSync;

/// <summary>The HR-owned fields of an employee, as an HR system sends them (SCIM core and enterprise attributes).</summary>
public sealed record HrEmployment(
    string UserName, string? ExternalId, string? EmployeeNumber, bool Active, string? DisplayName, string? FamilyName,
    string? GivenName, string? Title, string? Department, string? Organization, string? ManagerId,
    IReadOnlyList<HrEmailAddress> Emails, string ScimJson)
{
    /// <summary>The person's name as Alliance shows it: the display name, else family and given name, else the user name.</summary>
    public string PersonName()
    {
        var name = DisplayName;
        if (string.IsNullOrWhiteSpace(name))
        {
            var family = FamilyName?.Trim() ?? "";
            var given = GivenName?.Trim() ?? "";
            // Chinese names are written family name first without a space; others given name first.
            name = family.Any(c => c > 0x2E80) || given.Any(c => c > 0x2E80) ? family + given : $"{given} {family}".Trim();
        }
        if (string.IsNullOrWhiteSpace(name)) name = UserName;
        name = name.Trim();
        return name.Length > People.Person.MaxNameLength ? name[..People.Person.MaxNameLength] : name;
    }
}

public sealed record HrEmailAddress(string Value, string Type, bool Primary);

/// <summary>
/// An employee as an HR system keeps it (a SCIM User), linked to the <see cref="People.Person"/> it was matched to.
/// A deleted one stays as a tombstone (<see cref="DeletedAt"/>) so a later record with the same externalId finds its person again.
/// </summary>
public sealed class HrUser
{
    public const int MaxUserNameLength = 200;
    public const int MaxTextLength = 200;

    public Guid Id { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public string UserName { get; private set; } = "";
    /// <summary>userName lower-cased: unique per subsidiary (SCIM userName is case-insensitive).</summary>
    public string UserNameKey { get; private set; } = "";
    public string? ExternalId { get; private set; }
    public string? EmployeeNumber { get; private set; }
    public bool Active { get; private set; }
    public string? DisplayName { get; private set; }
    public string? FamilyName { get; private set; }
    public string? GivenName { get; private set; }
    public string? Title { get; private set; }
    public string? Department { get; private set; }
    public string? Organization { get; private set; }
    public string? ManagerId { get; private set; }
    public string EmailsJson { get; private set; } = "[]";
    /// <summary>Email addresses lower-cased, for filters on emails.value.</summary>
    public string[] EmailValues { get; private set; } = [];
    public string ScimJson { get; private set; } = "{}";
    public Guid PersonId { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastModified { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }
    /// <summary>HR's own time of the stored record (SCIM meta.lastModified, a file's updatedAt, a connector's time): older writes are ignored.</summary>
    public DateTimeOffset? HrUpdatedAt { get; private set; }

    private HrUser() { }

    public static HrUser Create(Guid subsidiaryId, Guid personId, HrEmployment employment, DateTimeOffset now)
    {
        var user = new HrUser { Id = Guid.CreateVersion7(now), SubsidiaryId = subsidiaryId, PersonId = personId, CreatedAt = now, Version = 0 };
        user.Apply(employment, now);
        return user;
    }

    public HrEmployment Employment => new(UserName, ExternalId, EmployeeNumber, Active, DisplayName, FamilyName, GivenName,
        Title, Department, Organization, ManagerId, System.Text.Json.JsonSerializer.Deserialize<List<HrEmailAddress>>(EmailsJson) ?? [], ScimJson);

    public void Apply(HrEmployment e, DateTimeOffset now)
    {
        UserName = e.UserName.Trim();
        UserNameKey = UserName.ToLowerInvariant();
        ExternalId = Blank(e.ExternalId);
        EmployeeNumber = Blank(e.EmployeeNumber);
        Active = e.Active;
        DisplayName = Blank(e.DisplayName);
        FamilyName = Blank(e.FamilyName);
        GivenName = Blank(e.GivenName);
        Title = Blank(e.Title);
        Department = Blank(e.Department);
        Organization = Blank(e.Organization);
        ManagerId = Blank(e.ManagerId);
        EmailsJson = System.Text.Json.JsonSerializer.Serialize(e.Emails);
        EmailValues = e.Emails.Select(m => m.Value.Trim().ToLowerInvariant()).Distinct().ToArray();
        ScimJson = e.ScimJson;
        LastModified = now;
        Version++;
    }

    /// <summary>Keeps the later of the stored and the given HR time.</summary>
    public void StampHrTime(DateTimeOffset hrUpdatedAt) => HrUpdatedAt = HrTimestamps.Latest(HrUpdatedAt, hrUpdatedAt);

    public void Delete(DateTimeOffset now)
    {
        DeletedAt = now;
        Active = false;
        LastModified = now;
        Version++;
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A department as an HR system keeps it (a SCIM Group); members are HR users or other HR groups.</summary>
public sealed class HrGroup
{
    public const int MaxDisplayNameLength = 200;

    public Guid Id { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public string DisplayName { get; private set; } = "";
    public string? ExternalId { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastModified { get; private set; }

    private HrGroup() { }

    public static HrGroup Create(Guid subsidiaryId, string displayName, string? externalId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), SubsidiaryId = subsidiaryId, DisplayName = displayName.Trim(),
        ExternalId = string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim(), CreatedAt = now, LastModified = now, Version = 1,
    };

    public void Rename(string displayName) => DisplayName = displayName.Trim();
    public void SetExternalId(string? externalId) => ExternalId = string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim();

    public void Touch(DateTimeOffset now)
    {
        LastModified = now;
        Version++;
    }
}

/// <summary>One member of an HR group: an HR user or an HR group of the same subsidiary.</summary>
public sealed class HrGroupMember
{
    public Guid GroupId { get; set; }
    public Guid MemberId { get; set; }
    /// <summary>"User" or "Group".</summary>
    public string MemberType { get; set; } = "";
}

/// <summary>
/// The credential of one HR system: good for SCIM on one subsidiary and nothing else. Only the SHA-256 of the secret
/// is kept; the secret is shown once when created.
/// </summary>
public sealed class HrClientCredential
{
    public const int MaxNameLength = 100;

    public Guid Id { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public string Name { get; private set; } = "";
    public string SecretSha256 { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? RevokedAt { get; private set; }

    private HrClientCredential() { }

    /// <summary>A new credential and its secret (32 random bytes, base64url, prefixed "hrs_").</summary>
    public static (HrClientCredential Client, string Secret) Issue(Guid subsidiaryId, string name, string createdBy, DateTimeOffset now)
    {
        var secret = "hrs_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new HrClientCredential
        {
            Id = Guid.CreateVersion7(now), SubsidiaryId = subsidiaryId, Name = name.Trim(), SecretSha256 = HashOf(secret),
            CreatedAt = now, CreatedBy = createdBy,
        }, secret);
    }

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
