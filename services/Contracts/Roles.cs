namespace Alliance.Contracts;

/// <summary>The roles a caller can hold; the gateway puts them in tokens, the services read them from gRPC metadata.</summary>
public static class Roles
{
    public const string GroupAdmin = "group-admin";
    public const string SubsidiaryAdmin = "subsidiary-admin";
    public const string Secretary = "secretary";
    public const string Member = "member";

    /// <summary>An HR system calling SCIM with its own credential; never in a token, so not in <see cref="All"/>.</summary>
    public const string HrClient = "hr-client";

    public static readonly IReadOnlyList<string> All = [GroupAdmin, SubsidiaryAdmin, Secretary, Member];
}
