namespace Alliance.Organization.Organizations;

/// <summary>The levels of the party tree: committee 党委, general branch 党总支, branch 党支部, group 党小组.</summary>
public enum OrganizationKind
{
    Committee = 1,
    GeneralBranch = 2,
    Branch = 3,
    Group = 4,
}

public static class OrganizationKindRules
{
    /// <summary>
    /// Which kind may stand under which: a committee under a committee or at the root; a general branch under a
    /// committee or at the root; a branch under a committee or a general branch, or at the root; a group only under a branch.
    /// </summary>
    public static bool MayStandUnder(this OrganizationKind child, OrganizationKind? parent) => (child, parent) switch
    {
        (OrganizationKind.Committee, null or OrganizationKind.Committee) => true,
        (OrganizationKind.GeneralBranch, null or OrganizationKind.Committee) => true,
        (OrganizationKind.Branch, null or OrganizationKind.Committee or OrganizationKind.GeneralBranch) => true,
        (OrganizationKind.Group, OrganizationKind.Branch) => true,
        _ => false,
    };

    public static string ToEventName(this OrganizationKind kind) => kind.ToString();
}
