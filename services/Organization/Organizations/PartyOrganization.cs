using Alliance.Organization.Search;

namespace Alliance.Organization.Organizations;

/// <summary>
/// A node of the party tree (党组织). <see cref="Path"/> holds the ids from the root down to this node, '/'-separated,
/// so a whole subtree is one indexed prefix query.
/// </summary>
public sealed class PartyOrganization
{
    public const int MaxNameLength = 100;
    public const char PathSeparator = '/';

    public Guid Id { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public Guid? ParentId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Pinyin alternatives of <see cref="Name"/> (<see cref="NameSearchKey"/>); null until computed.</summary>
    public string? NameSearch { get; private set; }
    public OrganizationKind Kind { get; private set; }
    public string Path { get; private set; } = "";
    public int Depth { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public long Version { get; private set; }

    private PartyOrganization() { }

    /// <exception cref="OrganizationRuleException">when the kind may not stand under the parent, or the parent is in another subsidiary.</exception>
    public static PartyOrganization Create(Guid subsidiaryId, PartyOrganization? parent, string name, OrganizationKind kind, DateTimeOffset now)
    {
        if (parent is not null && parent.SubsidiaryId != subsidiaryId)
            throw new OrganizationRuleException("parentId", "The parent organization belongs to another subsidiary.");
        if (!kind.MayStandUnder(parent?.Kind))
            throw new OrganizationRuleException("kind", parent is null
                ? $"A {kind} cannot be a root organization; choose a parent."
                : $"A {kind} cannot stand under a {parent.Kind}.");
        var id = Guid.CreateVersion7(now);
        return new PartyOrganization
        {
            Id = id,
            SubsidiaryId = subsidiaryId,
            ParentId = parent?.Id,
            Name = name.Trim(),
            NameSearch = NameSearchKey.For(name.Trim()),
            Kind = kind,
            Path = parent is null ? id.ToString() : parent.Path + PathSeparator + id,
            Depth = parent is null ? 0 : parent.Depth + 1,
            CreatedAt = now,
            Version = 1,
        };
    }

    /// <summary>Sets the pinyin key of a row stored before the key existed (startup backfill).</summary>
    public void SetNameSearch(string? key) => NameSearch = key;

    public bool IsSelfOrAncestorOf(PartyOrganization other) =>
        other.Path == Path || other.Path.StartsWith(Path + PathSeparator, StringComparison.Ordinal);

    /// <summary>Moves this node under <paramref name="newParent"/>; returns the old path prefix for rewriting descendants.</summary>
    /// <exception cref="OrganizationRuleException">on a cycle, another subsidiary, or a kind that may not stand there.</exception>
    public string MoveUnder(PartyOrganization newParent)
    {
        if (IsSelfOrAncestorOf(newParent))
            throw new OrganizationRuleException("newParentId", "An organization cannot move under itself or one of its own descendants.");
        if (newParent.SubsidiaryId != SubsidiaryId)
            throw new OrganizationRuleException("newParentId", "The new parent belongs to another subsidiary.");
        if (!Kind.MayStandUnder(newParent.Kind))
            throw new OrganizationRuleException("newParentId", $"A {Kind} cannot stand under a {newParent.Kind}.");
        var oldPath = Path;
        ParentId = newParent.Id;
        Path = newParent.Path + PathSeparator + Id;
        Depth = newParent.Depth + 1;
        Version++;
        return oldPath;
    }
}

/// <summary>A rule of the party tree was broken; names the request field it is about.</summary>
public sealed class OrganizationRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
