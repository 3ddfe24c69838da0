using Alliance.Organization.Data;
using Alliance.Organization.Partners;
using Alliance.ServiceDefaults.Security;

namespace Alliance.Organization.Alliances;

/// <summary>
/// Which alliances a caller sees, for every feature that reads them. The group admin: all. An internal role: those its
/// subsidiary leads or has a current member unit in. A partner: those their account's unit (kind and name) is a current
/// external member of, while the account is active.
/// </summary>
internal static class AllianceScope
{
    public static IQueryable<PartyAlliance> Visible(OrganizationDbContext db, CallerScope caller)
    {
        var alliances = db.Set<PartyAlliance>();
        if (caller.IsGroupAdmin) return alliances;
        if (caller.IsPartner)
        {
            var accounts = db.Set<PartnerAccount>().Where(p => p.UserName == caller.UserId && p.RevokedAt == null);
            return alliances.Where(a => a.Members.Any(m => m.LeftOn == null && m.ExternalKind != null &&
                accounts.Any(p => p.UnitKind == m.ExternalKind && p.UnitName == m.Name)));
        }
        var tenant = caller.TenantId;
        return alliances.Where(a => a.LeadSubsidiaryId == tenant || a.Members.Any(m => m.SubsidiaryId == tenant && m.LeftOn == null));
    }

    /// <summary>Who changes an alliance: an administrator of its lead unit's subsidiary, or of the group.</summary>
    public static bool MayChange(CallerScope caller, PartyAlliance alliance) =>
        caller.IsGroupAdmin || caller.Role == Contracts.Roles.SubsidiaryAdmin && caller.TenantId == alliance.LeadSubsidiaryId;
}
