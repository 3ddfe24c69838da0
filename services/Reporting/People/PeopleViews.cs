namespace Alliance.Reporting.People;

/// <summary>
/// A person's current membership: organization and status, each kept from the newest event that set it (by
/// OccurredAt), so events of one person arriving out of order end in the same state. Counted while full or probationary.
/// </summary>
public sealed class MemberView
{
    public Guid PersonId { get; set; }
    public Guid SubsidiaryId { get; set; }
    public Guid? OrganizationId { get; set; }
    public DateTimeOffset? OrganizationAt { get; set; }
    public string? Status { get; set; }
    public DateTimeOffset? StatusAt { get; set; }
}

/// <summary>Whether a person holds a management post (from PersonRegistered / PersonUpdated, newest wins).</summary>
public sealed class PersonView
{
    public Guid PersonId { get; set; }
    public Guid SubsidiaryId { get; set; }
    public bool HoldsManagementPost { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A role held in an organization. A role only ever ends earlier (EndRole refuses a later end), so its end is the
/// earliest end any event names; StartsOn is null until RoleAssigned arrives, and such a row is not current.
/// </summary>
public sealed class RoleView
{
    public Guid RoleId { get; set; }
    public Guid PersonId { get; set; }
    public Guid SubsidiaryId { get; set; }
    public Guid OrganizationId { get; set; }
    public string Role { get; set; } = "";
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
}
