namespace Alliance.Reporting.Dashboards;

/// <summary>
/// An organization's current name, for views that list organizations (members per organization): from
/// OrganizationCreated and OrganizationRenamed, the newest by OccurredAt winning, so the order of arrival does not matter.
/// Its kind (committee, general-branch, branch, group; from OrganizationCreated) and whether it ended (dissolved or merged
/// into another, final) tell organization life which organizations its rules bind.
/// </summary>
public sealed class OrganizationName
{
    public Guid OrganizationId { get; set; }
    public Guid SubsidiaryId { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset NamedAt { get; set; }
    public string? Kind { get; set; }
    public bool Ended { get; set; }
}
