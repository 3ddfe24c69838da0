namespace Alliance.Contracts;

/// <summary>The roles a caller can hold; the gateway puts them in tokens, the services read them from gRPC metadata.</summary>
public static class Roles
{
    public const string GroupAdmin = "group-admin";
    public const string SubsidiaryAdmin = "subsidiary-admin";
    public const string Secretary = "secretary";
    public const string Member = "member";

    /// <summary>
    /// A person of an alliance's external unit (a district office, a bank, a community) with an account: scoped to the
    /// alliances their unit is a current member of, with no subsidiary, and refused everywhere not opened to partners.
    /// </summary>
    public const string Partner = "partner";

    /// <summary>An HR system calling SCIM with its own credential; never in a token, so not in <see cref="All"/>.</summary>
    public const string HrClient = "hr-client";

    /// <summary>The group's own people: every role with a subsidiary (or the whole group).</summary>
    public static readonly IReadOnlyList<string> Internal = [GroupAdmin, SubsidiaryAdmin, Secretary, Member];

    public static readonly IReadOnlyList<string> All = [.. Internal, Partner];
}
