namespace Alliance.Organization.Alliances;

/// <summary>
/// A member unit (成员单位) of an alliance: a party organization of the group (with its subsidiary, which decides who
/// may see the alliance) or an external unit. Leaving keeps the row, so the alliance's history stays readable.
/// </summary>
public sealed class AllianceMemberUnit
{
    public Guid Id { get; private set; }
    public Guid AllianceId { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public Guid? SubsidiaryId { get; private set; }
    public ExternalUnitKind? ExternalKind { get; private set; }
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly JoinedOn { get; private set; }
    public DateOnly? LeftOn { get; private set; }

    private AllianceMemberUnit() { }

    internal static AllianceMemberUnit Internal(Guid allianceId, Guid organizationId, Guid subsidiaryId, string name, DateOnly joinedOn, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), AllianceId = allianceId, OrganizationId = organizationId, SubsidiaryId = subsidiaryId, Name = name, JoinedOn = joinedOn };

    internal static AllianceMemberUnit ForExternal(Guid allianceId, ExternalUnit unit, DateOnly joinedOn, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now), AllianceId = allianceId, ExternalKind = unit.Kind, Name = unit.Name,
            ContactName = unit.ContactName, ContactPhone = unit.ContactPhone, JoinedOn = joinedOn,
        };

    public ExternalUnit? External => ExternalKind is { } kind ? new ExternalUnit(kind, Name, ContactName ?? "", ContactPhone ?? "") : null;

    public bool IsInternal => OrganizationId is not null;


    public bool IsCurrent => LeftOn is null;

    public bool HasLeftBy(DateOnly day) => LeftOn is { } left && left <= day;

    internal void Leave(DateOnly leftOn) => LeftOn = leftOn;
}
