namespace Alliance.Reporting.Dashboards;

/// <summary>
/// Counts for one subsidiary, projected from organization events. A row can exist before its SubsidiaryRegistered
/// event arrives (events of one write may be consumed in any order); it counts as a subsidiary once registered.
/// </summary>
public sealed class SubsidiaryCounts
{
    public Guid SubsidiaryId { get; set; }
    public string Name { get; set; } = "";
    public bool Registered { get; set; }
    public int Organizations { get; set; }
    public int Committees { get; set; }
    public int GeneralBranches { get; set; }
    public int Branches { get; set; }
    public int Groups { get; set; }
}
