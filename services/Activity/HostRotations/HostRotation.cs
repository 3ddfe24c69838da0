namespace Alliance.Activity.HostRotations;

/// <summary>
/// An alliance's rotating host (活动轮办) for one year: which member unit hosts the joint activity of which month. Set
/// whole; every change bumps <see cref="Version"/> and records who made it.
/// </summary>
public sealed class HostRotation
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxNoteLength = 200;

    readonly List<HostRotationSlot> _slots = [];

    public Guid Id { get; private set; }
    public Guid AllianceId { get; private set; }
    public int Year { get; private set; }
    public Guid LeadSubsidiaryId { get; private set; }
    public IReadOnlyList<HostRotationSlot> Slots => _slots;
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    private HostRotation() { }

    public static HostRotation Create(Guid allianceId, int year, Guid leadSubsidiaryId, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), AllianceId = allianceId, Year = year, LeadSubsidiaryId = leadSubsidiaryId,
        CreatedAt = now, CreatedBy = by, UpdatedAt = now, UpdatedBy = by,
    };

    /// <summary>Replaces the schedule; months are 1..12, each at most once (checked by the caller with field errors).</summary>
    public void Replace(IEnumerable<HostRotationSlot> slots, string by, DateTimeOffset now)
    {
        // A month kept is changed in place (its row is keyed by the month), the others removed or added.
        var wanted = slots.ToDictionary(s => s.Month);
        _slots.RemoveAll(s => !wanted.ContainsKey(s.Month));
        foreach (var slot in wanted.Values.OrderBy(s => s.Month))
        {
            if (_slots.SingleOrDefault(s => s.Month == slot.Month) is { } kept) kept.Take(slot);
            else _slots.Add(slot.For(Id));
        }
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }
}

/// <summary>One month of a rotation: the member unit that hosts it (internal units also by their organization).</summary>
public sealed class HostRotationSlot
{
    public Guid RotationId { get; private set; }
    public int Month { get; private set; }
    public Guid MemberUnitId { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public string Name { get; private set; } = "";
    public string Note { get; private set; } = "";

    private HostRotationSlot() { }

    public static HostRotationSlot Of(int month, Guid memberUnitId, Guid? organizationId, string name, string note) =>
        new() { Month = month, MemberUnitId = memberUnitId, OrganizationId = organizationId, Name = name, Note = note.Trim() };

    internal void Take(HostRotationSlot other)
    {
        MemberUnitId = other.MemberUnitId;
        OrganizationId = other.OrganizationId;
        Name = other.Name;
        Note = other.Note;
    }

    internal HostRotationSlot For(Guid rotationId)
    {
        RotationId = rotationId;
        return this;
    }

    public bool External => OrganizationId is null;
}
