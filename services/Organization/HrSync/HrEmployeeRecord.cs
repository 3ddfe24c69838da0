namespace Alliance.Organization.HrSync;

/// <summary>
/// One employee as any HR source states it (a file row, a pull connector's record; SCIM writes reach the same rule
/// through <see cref="HrEmployment"/>): HR-owned employment data and HR's own time of the record.
/// </summary>
public sealed record HrEmployeeRecord(
    string? EmployeeNumber, string? ExternalId, string? Name, string? Department, string? Position, bool Active, DateTimeOffset HrUpdatedAt);

/// <summary>What applying one HR record did.</summary>
public enum HrApplyOutcome
{
    Created = 1,
    Updated = 2,
    Deactivated = 3,
    Unchanged = 4,
    /// <summary>Older than the stored record by HR's timestamps: ignored.</summary>
    Stale = 5,
    /// <summary>Applied (a deactivation) and a conflict with party data raised for a person to resolve.</summary>
    Conflict = 6,
    Error = 7,
}

public static class HrApplyOutcomes
{
    public static string ToName(this HrApplyOutcome outcome) => outcome switch
    {
        HrApplyOutcome.Created => "created",
        HrApplyOutcome.Updated => "updated",
        HrApplyOutcome.Deactivated => "deactivated",
        HrApplyOutcome.Unchanged => "unchanged",
        HrApplyOutcome.Stale => "stale",
        HrApplyOutcome.Conflict => "conflict",
        _ => "error",
    };
}

/// <summary>
/// Convergence by HR's own timestamps: deliveries may arrive out of order or twice, so a record older than the one
/// stored for the same employee is ignored, and one that states what is stored changes nothing. A record as old as the
/// stored one with other content is applied (HR sent two states with one time; the later delivery wins).
/// </summary>
public static class HrTimestamps
{
    public static bool IsStale(DateTimeOffset? stored, DateTimeOffset incoming) => stored is { } s && incoming < s;

    /// <summary>The later of the two: what is kept as the employee's HR time after a write.</summary>
    public static DateTimeOffset Latest(DateTimeOffset? stored, DateTimeOffset incoming) => stored is { } s && s > incoming ? s : incoming;
}

/// <summary>The employment data that matters to convergence (the SCIM document itself is not compared).</summary>
public static class HrEmploymentComparison
{
    public static bool SameAs(this HrEmployment a, HrEmployment b) =>
        Eq(a.UserName, b.UserName) && Eq(a.ExternalId, b.ExternalId) && Eq(a.EmployeeNumber, b.EmployeeNumber) && a.Active == b.Active &&
        Eq(a.DisplayName, b.DisplayName) && Eq(a.FamilyName, b.FamilyName) && Eq(a.GivenName, b.GivenName) && Eq(a.Title, b.Title) &&
        Eq(a.Department, b.Department) && Eq(a.Organization, b.Organization) && Eq(a.ManagerId, b.ManagerId) &&
        a.Emails.Select(e => (e.Value.Trim().ToLowerInvariant(), e.Type, e.Primary)).SequenceEqual(b.Emails.Select(e => (e.Value.Trim().ToLowerInvariant(), e.Type, e.Primary)));

    static bool Eq(string? x, string? y) => string.Equals(string.IsNullOrWhiteSpace(x) ? null : x.Trim(), string.IsNullOrWhiteSpace(y) ? null : y.Trim(), StringComparison.Ordinal);
}
