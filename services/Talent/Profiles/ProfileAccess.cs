using Alliance.Contracts;
using Alliance.ServiceDefaults.Security;
using Alliance.Talent.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Talent.Profiles;

/// <summary>
/// The profiles a caller reaches: a group admin every profile; a subsidiary admin their subsidiary's; a secretary those
/// whose party organization is their own organization or below it (their organization is their linked person's, asked of
/// the organization service); a member their own profile only (their linked person, ADR 39). The same caller changes what
/// they see; a member changes their own skills, certificates, education and positions. Partners reach none of it.
/// </summary>
public sealed record ProfileScope(bool All, Guid? SubsidiaryId, IReadOnlyList<Guid>? OrganizationIds, Guid? PersonId, Guid? Me)
{
    public bool Covers(Profile p) =>
        All || (SubsidiaryId is { } s && p.SubsidiaryId == s)
        || (OrganizationIds is { } orgs && p.OrganizationId is { } o && orgs.Contains(o))
        || (PersonId is { } person && p.PersonId == person);
}

public sealed class ProfileAccess(TalentDbContext db, IOrganizationDirectory directory)
{
    public async Task<ProfileScope> ScopeAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsPartner) throw Requests.Denied("Partners have no access to talent profiles.");
        if (caller.IsGroupAdmin) return new ProfileScope(true, null, null, null, null);
        if (caller.Role == Roles.SubsidiaryAdmin) return new ProfileScope(false, caller.TenantId, null, null, null);
        var me = await directory.MyPersonAsync(caller, ct);
        switch (caller.Role)
        {
            case Roles.Secretary when me?.OrganizationId is { } organization:
                var subtree = await directory.SubtreeAsync(caller, caller.TenantId!.Value, organization, ct);
                return new ProfileScope(false, null, subtree.Count > 0 ? subtree : [organization], me.PersonId, me.PersonId);
            default:
                return new ProfileScope(false, null, null, me?.PersonId ?? Guid.Empty, me?.PersonId);
        }
    }

    public IQueryable<Profile> Within(ProfileScope scope)
    {
        if (scope.All) return db.Profiles;
        var subsidiary = scope.SubsidiaryId;
        var orgs = scope.OrganizationIds?.ToArray() ?? [];
        var person = scope.PersonId;
        return db.Profiles.Where(p => (subsidiary != null && p.SubsidiaryId == subsidiary)
            || (p.OrganizationId != null && orgs.Contains(p.OrganizationId.Value))
            || (person != null && p.PersonId == person));
    }

    /// <summary>The profile; NOT_FOUND when there is none or it is outside the caller's scope.</summary>
    public async Task<Profile> FindAsync(ProfileScope scope, Guid personId, bool track, CancellationToken ct)
    {
        var query = track ? db.Profiles : db.Profiles.AsNoTracking();
        var profile = await query.SingleOrDefaultAsync(p => p.PersonId == personId, ct);
        if (profile is null || !scope.Covers(profile)) throw NotFound();
        return profile;
    }

    /// <summary>Whoever sees a profile changes it: members see only their own.</summary>
    public static bool MayChange(ProfileScope scope, Profile profile) => scope.Covers(profile);

    public static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The profile was not found."));
}
