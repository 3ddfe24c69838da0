namespace Alliance.Activity.Activities;

/// <summary>
/// A host of an activity, as it was when named: a party organization of the group (with its subsidiary), or a member
/// unit of the alliance served (an external one has no organization). Names are kept as of scheduling or revision.
/// </summary>
public sealed class ActivityHost
{
    public Guid Id { get; private set; }
    public Guid ActivityId { get; private set; }
    public int Position { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public Guid? SubsidiaryId { get; private set; }
    public Guid? MemberUnitId { get; private set; }
    public string Name { get; private set; } = "";

    public bool External => OrganizationId is null;

    private ActivityHost() { }

    public static ActivityHost Internal(Guid organizationId, Guid subsidiaryId, string name, Guid? memberUnitId = null) =>
        new() { Id = Guid.CreateVersion7(), OrganizationId = organizationId, SubsidiaryId = subsidiaryId, MemberUnitId = memberUnitId, Name = name.Trim() };

    public static ActivityHost OutsideTheGroup(Guid memberUnitId, string name) =>
        new() { Id = Guid.CreateVersion7(), MemberUnitId = memberUnitId, Name = name.Trim() };

    internal ActivityHost At(Guid activityId, int position)
    {
        ActivityId = activityId;
        Position = position;
        return this;
    }

    /// <summary>The same organization or unit, whatever its name.</summary>
    public bool SameAs(ActivityHost other) =>
        OrganizationId is { } id ? id == other.OrganizationId : MemberUnitId == other.MemberUnitId && other.OrganizationId is null;

    public override string ToString() => Name;
}
