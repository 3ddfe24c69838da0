namespace Alliance.Organization.Organizations;

/// <summary>What happened to an organization on a day.</summary>
public enum OrganizationChangeKind
{
    Created = 1,
    Renamed = 2,
    Moved = 3,
    /// <summary>This organization was merged into another (<see cref="OrganizationChange.MergedIntoId"/>) and ended.</summary>
    Merged = 4,
    Dissolved = 5,
    /// <summary>Another organization (<see cref="OrganizationChange.MergedFromId"/>) was merged into this one.</summary>
    Absorbed = 6,
}

/// <summary>
/// One effective-dated change of an organization, as recorded (organization_changes). Never updated or deleted: the
/// history of an organization and the tree of a past day are read from these rows.
/// </summary>
public sealed class OrganizationChange
{
    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public OrganizationChangeKind Kind { get; private set; }
    /// <summary>The day the change takes effect, as the caller dated it.</summary>
    public DateOnly EffectiveOn { get; private set; }
    public string? OldName { get; private set; }
    public string? NewName { get; private set; }
    public Guid? OldParentId { get; private set; }
    public Guid? NewParentId { get; private set; }
    public Guid? MergedIntoId { get; private set; }
    public Guid? MergedFromId { get; private set; }
    /// <summary>When the change was recorded (not when it took effect).</summary>
    public DateTimeOffset RecordedAt { get; private set; }
    /// <summary>The user who recorded it; null for changes made by the system (demo data, backfill).</summary>
    public string? RecordedBy { get; private set; }

    private OrganizationChange() { }

    internal OrganizationChange(Guid id, Guid organizationId, Guid subsidiaryId, OrganizationChangeKind kind, DateOnly effectiveOn,
        string? oldName, string? newName, Guid? oldParentId, Guid? newParentId, Guid? mergedIntoId, Guid? mergedFromId,
        DateTimeOffset recordedAt, string? recordedBy)
    {
        Id = id;
        OrganizationId = organizationId;
        SubsidiaryId = subsidiaryId;
        Kind = kind;
        EffectiveOn = effectiveOn;
        OldName = oldName;
        NewName = newName;
        OldParentId = oldParentId;
        NewParentId = newParentId;
        MergedIntoId = mergedIntoId;
        MergedFromId = mergedFromId;
        RecordedAt = recordedAt;
        RecordedBy = recordedBy;
    }
}

/// <summary>An organization as it stood on a past day: its name and parent then, and its path in that day's tree.</summary>
public sealed record OrganizationAsOf(Guid Id, Guid SubsidiaryId, Guid? ParentId, string Name, OrganizationKind Kind, string Path, int Depth);

/// <summary>Rebuilds the tree of a day from the recorded changes.</summary>
public static class PastTree
{
    /// <summary>
    /// Replays the changes in effect on <paramref name="asOf"/> (by effective date, then in the order they were recorded):
    /// the organizations created by then and not yet dissolved or merged, with the name and parent they had that day.
    /// </summary>
    public static IReadOnlyList<OrganizationAsOf> TreeAsOf(IEnumerable<OrganizationChange> changes,
        IReadOnlyDictionary<Guid, OrganizationKind> kinds, DateOnly asOf)
    {
        var nodes = new Dictionary<Guid, (Guid Subsidiary, string Name, Guid? Parent)>();
        foreach (var change in changes.Where(c => c.EffectiveOn <= asOf).OrderBy(c => c.EffectiveOn).ThenBy(c => c.RecordedAt).ThenBy(c => c.Id))
        {
            var id = change.OrganizationId;
            switch (change.Kind)
            {
                case OrganizationChangeKind.Created:
                    nodes[id] = (change.SubsidiaryId, change.NewName ?? "", change.NewParentId);
                    break;
                case OrganizationChangeKind.Renamed when nodes.TryGetValue(id, out var renamed):
                    nodes[id] = renamed with { Name = change.NewName ?? renamed.Name };
                    break;
                case OrganizationChangeKind.Moved when nodes.TryGetValue(id, out var moved):
                    nodes[id] = moved with { Parent = change.NewParentId };
                    break;
                case OrganizationChangeKind.Merged or OrganizationChangeKind.Dissolved:
                    nodes.Remove(id);
                    break;
            }
        }

        var result = new List<OrganizationAsOf>(nodes.Count);
        var paths = new Dictionary<Guid, (string Path, int Depth)>();
        (string Path, int Depth) PathOf(Guid id, int guard)
        {
            if (paths.TryGetValue(id, out var known)) return known;
            var parent = nodes[id].Parent;
            // A parent that did not exist that day (which the dating rules prevent) makes the node a root rather than an error.
            var path = parent is { } p && nodes.ContainsKey(p) && guard < nodes.Count
                ? PathOf(p, guard + 1) is var up ? (up.Path + PartyOrganization.PathSeparator + id, up.Depth + 1) : default
                : (id.ToString(), 0);
            paths[id] = path;
            return path;
        }
        foreach (var (id, node) in nodes)
        {
            var (path, depth) = PathOf(id, 0);
            var parent = node.Parent is { } p && nodes.ContainsKey(p) ? p : (Guid?)null;
            result.Add(new OrganizationAsOf(id, node.Subsidiary, parent, node.Name, kinds.GetValueOrDefault(id), path, depth));
        }
        return result.OrderBy(o => o.Path, StringComparer.Ordinal).ToList();
    }
}
