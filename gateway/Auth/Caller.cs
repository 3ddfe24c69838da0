using System.Security.Claims;
using Alliance.Contracts;

namespace Alliance.Gateway.Auth;

/// <summary>The signed-in caller as the token says: a name, one role, and the subsidiary they belong to (none for group
/// admins and partners).</summary>
public sealed record Caller(string UserName, string Role, Guid? SubsidiaryId)
{
    public const string RoleClaim = "role";
    public const string SubsidiaryClaim = "subsidiary_id";
    public const string NameClaim = "name";

    public bool IsGroupAdmin => Role == Roles.GroupAdmin;
    public bool IsAdmin => Role is Roles.GroupAdmin or Roles.SubsidiaryAdmin;
    public bool IsPartner => Role == Roles.Partner;

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(NameClaim) ?? user.FindFirstValue("sub") ?? "",
        user.FindFirstValue(RoleClaim) ?? "",
        Guid.TryParse(user.FindFirstValue(SubsidiaryClaim), out var s) ? s : null);

    /// <summary>Tenant scope: a group admin reaches every subsidiary, everyone else only their own.</summary>
    public bool CanAccess(Guid subsidiaryId) => IsGroupAdmin || SubsidiaryId == subsidiaryId;

    public object ToMe() => new { userName = UserName, role = Role, subsidiaryId = SubsidiaryId };
}
