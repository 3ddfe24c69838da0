using Alliance.ServiceDefaults.Search;
using Alliance.ServiceDefaults.Time;

namespace Alliance.Organization.Organizations;

/// <summary>
/// A node of the party tree (党组织). <see cref="Path"/> holds the ids from the root down to this node, '/'-separated,
/// so a whole subtree is one indexed prefix query. The row is the current state; every change (create, rename, move,
/// merge, dissolve) is dated by the caller (<c>effectiveOn</c>) and also recorded as an <see cref="OrganizationChange"/>,
/// from which the tree of a past day is rebuilt (docs/adr/0007-organization-history.md).
/// </summary>
public sealed class PartyOrganization
{
    public const int MaxNameLength = 100;
    public const char PathSeparator = '/';

    readonly List<OrganizationChange> _changes = [];

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
    public OrganizationStatus Status { get; private set; } = OrganizationStatus.Active;
    /// <summary>The day the organization came into being (effective date of its creation).</summary>
    public DateOnly CreatedOn { get; private set; }
    /// <summary>The effective date of its latest change: no later change may be dated before it.</summary>
    public DateOnly LastChangedOn { get; private set; }
    /// <summary>The day it was dissolved or merged away; null while active.</summary>
    public DateOnly? EndedOn { get; private set; }
    /// <summary>The organization it was merged into, when <see cref="Status"/> is merged.</summary>
    public Guid? MergedIntoId { get; private set; }

    /// <summary>The changes recorded on this instance since it was loaded (not the stored history).</summary>
    public IReadOnlyList<OrganizationChange> Changes => _changes;

    public bool IsActive => Status == OrganizationStatus.Active;

    private PartyOrganization() { }

    /// <summary>Creates an organization effective today (the group's calendar day of <paramref name="now"/>).</summary>
    /// <exception cref="OrganizationRuleException">when the kind may not stand under the parent, or the parent is in another subsidiary.</exception>
    public static PartyOrganization Create(Guid subsidiaryId, PartyOrganization? parent, string name, OrganizationKind kind, DateTimeOffset now) =>
        Create(subsidiaryId, parent, name, kind, GroupCalendar.DayOf(now), now, recordedBy: null);

    /// <exception cref="OrganizationRuleException">when the kind may not stand under the parent, the parent is in another
    /// subsidiary or has ended, or the date is in the future or before the parent existed.</exception>
    public static PartyOrganization Create(Guid subsidiaryId, PartyOrganization? parent, string name, OrganizationKind kind,
        DateOnly effectiveOn, DateTimeOffset now, string? recordedBy)
    {
        if (parent is not null && parent.SubsidiaryId != subsidiaryId)
            throw new OrganizationRuleException("parentId", "The parent organization belongs to another subsidiary.");
        if (parent is not null) parent.EnsureCanReceive("parentId");
        if (!kind.MayStandUnder(parent?.Kind))
            throw new OrganizationRuleException("kind", parent is null
                ? $"A {kind} cannot be a root organization; choose a parent."
                : $"A {kind} cannot stand under a {parent.Kind}.");
        EnsureNotFuture(effectiveOn, GroupCalendar.DayOf(now));
        if (parent is not null && effectiveOn < parent.CreatedOn)
            throw new OrganizationRuleException("effectiveOn", $"cannot be before the parent organization was created ({parent.CreatedOn:yyyy-MM-dd}).");
        var id = Guid.CreateVersion7(now);
        var organization = new PartyOrganization
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
            CreatedOn = effectiveOn,
            LastChangedOn = effectiveOn,
        };
        organization.Record(OrganizationChangeKind.Created, effectiveOn, now, recordedBy, newName: organization.Name, newParentId: organization.ParentId);
        return organization;
    }

    /// <summary>Sets the pinyin key of a row stored before the key existed (startup backfill).</summary>
    public void SetNameSearch(string? key) => NameSearch = key;

    public bool IsSelfOrAncestorOf(PartyOrganization other) =>
        other.Path == Path || other.Path.StartsWith(Path + PathSeparator, StringComparison.Ordinal);

    /// <summary>Renames the organization from <paramref name="effectiveOn"/>.</summary>
    /// <exception cref="OrganizationRuleException">when ended, the name is unchanged, or the date is out of order.</exception>
    public void Rename(string name, DateOnly effectiveOn, DateTimeOffset now, string? recordedBy)
    {
        EnsureActive("id");
        var newName = name.Trim();
        if (newName == Name) throw new OrganizationRuleException("name", "is already the organization's name.");
        EnsureDatedInOrder(effectiveOn, now);
        var oldName = Name;
        Name = newName;
        NameSearch = NameSearchKey.For(newName);
        Changed(effectiveOn);
        Record(OrganizationChangeKind.Renamed, effectiveOn, now, recordedBy, oldName: oldName, newName: newName);
    }

    /// <summary>Moves this node under <paramref name="newParent"/> from <paramref name="effectiveOn"/>; returns the old path prefix for rewriting descendants.</summary>
    /// <exception cref="OrganizationRuleException">on a cycle, another subsidiary, a kind that may not stand there, an ended
    /// organization or parent, or a date out of order.</exception>
    public string MoveUnder(PartyOrganization newParent, DateOnly effectiveOn, DateTimeOffset now, string? recordedBy, string field = "newParentId")
    {
        EnsureActive("id");
        if (IsSelfOrAncestorOf(newParent))
            throw new OrganizationRuleException(field, "An organization cannot move under itself or one of its own descendants.");
        if (newParent.SubsidiaryId != SubsidiaryId)
            throw new OrganizationRuleException(field, "The new parent belongs to another subsidiary.");
        newParent.EnsureCanReceive(field);
        if (!Kind.MayStandUnder(newParent.Kind))
            throw new OrganizationRuleException(field, $"A {Kind} cannot stand under a {newParent.Kind}.");
        if (newParent.Id == ParentId)
            throw new OrganizationRuleException(field, "The organization already stands under this parent.");
        EnsureDatedInOrder(effectiveOn, now);
        if (effectiveOn < newParent.CreatedOn)
            throw new OrganizationRuleException("effectiveOn", $"cannot be before the new parent was created ({newParent.CreatedOn:yyyy-MM-dd}).");
        var oldPath = Path;
        var oldParentId = ParentId;
        ParentId = newParent.Id;
        Path = newParent.Path + PathSeparator + Id;
        Depth = newParent.Depth + 1;
        Changed(effectiveOn);
        Record(OrganizationChangeKind.Moved, effectiveOn, now, recordedBy, oldParentId: oldParentId, newParentId: newParent.Id);
        return oldPath;
    }

    /// <summary>
    /// Merges this organization into <paramref name="target"/>: its <paramref name="children"/> move under the target
    /// (returned with their old paths, for rewriting their descendants), and this one ends as merged. Members and roles are
    /// the caller's to transfer and end (they belong to the people aggregate).
    /// </summary>
    /// <exception cref="OrganizationRuleException">when merging into itself or a descendant, across subsidiaries, into an ended
    /// organization, when a child's kind may not stand under the target, or when a date is out of order.</exception>
    public IReadOnlyList<(PartyOrganization Child, string OldPath)> MergeInto(PartyOrganization target, IReadOnlyList<PartyOrganization> children,
        DateOnly effectiveOn, DateTimeOffset now, string? recordedBy)
    {
        EnsureActive("id");
        if (target.Id == Id) throw new OrganizationRuleException("targetId", "An organization cannot be merged into itself.");
        if (IsSelfOrAncestorOf(target))
            throw new OrganizationRuleException("targetId", "An organization cannot be merged into one of its own descendants.");
        if (target.SubsidiaryId != SubsidiaryId)
            throw new OrganizationRuleException("targetId", "The target belongs to another subsidiary.");
        target.EnsureCanReceive("targetId");
        foreach (var child in children.Where(c => !c.Kind.MayStandUnder(target.Kind)))
            throw new OrganizationRuleException("targetId", $"The {child.Kind} \"{child.Name}\" cannot stand under a {target.Kind}; move it elsewhere first.");
        EnsureDatedInOrder(effectiveOn, now);
        if (effectiveOn < target.LastChangedOn)
            throw new OrganizationRuleException("effectiveOn", $"cannot be before the target's last change ({target.LastChangedOn:yyyy-MM-dd}).");
        var moved = new List<(PartyOrganization, string)>();
        foreach (var child in children)
        {
            if (effectiveOn < child.LastChangedOn)
                throw new OrganizationRuleException("effectiveOn", $"cannot be before the last change of the sub-organization \"{child.Name}\" ({child.LastChangedOn:yyyy-MM-dd}).");
            moved.Add((child, child.MoveUnder(target, effectiveOn, now, recordedBy, "targetId")));
        }
        End(OrganizationStatus.Merged, effectiveOn);
        MergedIntoId = target.Id;
        Record(OrganizationChangeKind.Merged, effectiveOn, now, recordedBy, mergedIntoId: target.Id);
        target.Changed(effectiveOn);
        target.Record(OrganizationChangeKind.Absorbed, effectiveOn, now, recordedBy, mergedFromId: Id);
        return moved;
    }

    /// <summary>Dissolves the organization from <paramref name="effectiveOn"/>; it must have no active sub-organizations and no current members.</summary>
    /// <exception cref="OrganizationRuleException">naming what has to move first, or on an ended organization or a date out of order.</exception>
    public void Dissolve(int activeChildren, int currentMembers, DateOnly effectiveOn, DateTimeOffset now, string? recordedBy)
    {
        EnsureActive("id");
        if (activeChildren > 0)
            throw new OrganizationRuleException("children", $"The organization still has {activeChildren} active sub-organization(s); move, merge or dissolve them first.");
        if (currentMembers > 0)
            throw new OrganizationRuleException("members", $"The organization still has {currentMembers} current member(s); transfer them first.");
        EnsureDatedInOrder(effectiveOn, now);
        End(OrganizationStatus.Dissolved, effectiveOn);
        Record(OrganizationChangeKind.Dissolved, effectiveOn, now, recordedBy);
    }

    /// <summary>A change that refers to this organization (a child moving in or out) may not be dated after it ends; see <see cref="EnsureNotBefore"/>.</summary>
    /// <exception cref="OrganizationRuleException">when <paramref name="effectiveOn"/> is before <paramref name="latest"/>.</exception>
    public static void EnsureNotBefore(DateOnly effectiveOn, DateOnly? latest, string what)
    {
        if (latest is { } day && effectiveOn < day)
            throw new OrganizationRuleException("effectiveOn", $"cannot be before {what} ({day:yyyy-MM-dd}).");
    }

    /// <exception cref="OrganizationRuleException">when dissolved or merged: it takes no children, members or moves.</exception>
    public void EnsureCanReceive(string field)
    {
        if (!IsActive)
            throw new OrganizationRuleException(field, $"The organization \"{Name}\" was {Status.ToName()} on {EndedOn:yyyy-MM-dd} and takes no sub-organizations or members.");
    }

    void EnsureActive(string field)
    {
        if (!IsActive)
            throw new OrganizationRuleException(field, $"The organization was {Status.ToName()} on {EndedOn:yyyy-MM-dd} and cannot change any more.");
    }

    void EnsureDatedInOrder(DateOnly effectiveOn, DateTimeOffset now)
    {
        EnsureNotFuture(effectiveOn, GroupCalendar.DayOf(now));
        if (effectiveOn < CreatedOn)
            throw new OrganizationRuleException("effectiveOn", $"cannot be before the organization was created ({CreatedOn:yyyy-MM-dd}).");
        if (effectiveOn < LastChangedOn)
            throw new OrganizationRuleException("effectiveOn", $"cannot be before the organization's last change ({LastChangedOn:yyyy-MM-dd}).");
    }

    static void EnsureNotFuture(DateOnly effectiveOn, DateOnly today)
    {
        if (effectiveOn > today) throw new OrganizationRuleException("effectiveOn", "cannot be in the future.");
    }

    void End(OrganizationStatus status, DateOnly effectiveOn)
    {
        Status = status;
        EndedOn = effectiveOn;
        Changed(effectiveOn);
    }

    void Changed(DateOnly effectiveOn)
    {
        LastChangedOn = effectiveOn;
        Version++;
    }

    void Record(OrganizationChangeKind kind, DateOnly effectiveOn, DateTimeOffset now, string? recordedBy,
        string? oldName = null, string? newName = null, Guid? oldParentId = null, Guid? newParentId = null,
        Guid? mergedIntoId = null, Guid? mergedFromId = null) =>
        _changes.Add(new OrganizationChange(Guid.CreateVersion7(now), Id, SubsidiaryId, kind, effectiveOn,
            oldName, newName, oldParentId, newParentId, mergedIntoId, mergedFromId, now, recordedBy));
}

/// <summary>Whether an organization still exists: active, or ended by a dissolution or a merge.</summary>
public enum OrganizationStatus
{
    Active = 1,
    Dissolved = 2,
    Merged = 3,
}

public static class OrganizationStatusNames
{
    public static string ToName(this OrganizationStatus status) => status switch
    {
        OrganizationStatus.Dissolved => "dissolved",
        OrganizationStatus.Merged => "merged",
        _ => "active",
    };
}

/// <summary>A rule of the party tree was broken; names the request field it is about.</summary>
public sealed class OrganizationRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
