namespace Alliance.Organization.People;

public enum PersonKind
{
    /// <summary>An employee of the group; HR will feed these.</summary>
    Employee = 1,
    /// <summary>A person outside the group, e.g. from a member unit of an alliance.</summary>
    External = 2,
}

/// <summary>预备党员, 正式党员, 转出.</summary>
public enum MembershipStatus
{
    Probationary = 1,
    Full = 2,
    TransferredOut = 3,
}

/// <summary>书记, 副书记, 委员.</summary>
public enum OrganizationRoleKind
{
    Secretary = 1,
    DeputySecretary = 2,
    CommitteeMember = 3,
}

/// <summary>The spelling of kinds, statuses and roles in events and the REST API.</summary>
public static class PeopleNames
{
    public static string ToName(this PersonKind kind) => kind switch
    {
        PersonKind.Employee => "employee",
        PersonKind.External => "external",
        _ => "unspecified",
    };

    public static string ToName(this MembershipStatus status) => status switch
    {
        MembershipStatus.Probationary => "probationary",
        MembershipStatus.Full => "full",
        MembershipStatus.TransferredOut => "transferred-out",
        _ => "unspecified",
    };

    public static string ToName(this OrganizationRoleKind role) => role switch
    {
        OrganizationRoleKind.Secretary => "secretary",
        OrganizationRoleKind.DeputySecretary => "deputy-secretary",
        OrganizationRoleKind.CommitteeMember => "committee-member",
        _ => "unspecified",
    };
}

/// <summary>A rule about people, membership or roles was broken; names the request field it is about.</summary>
public sealed class PeopleRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
