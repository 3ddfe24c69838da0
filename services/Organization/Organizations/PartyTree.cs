using Alliance.Contracts.Events;
using Alliance.Organization.Data;
using Alliance.Organization.People;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Organizations.OrganizationRequests;
using MembershipPeriod = Alliance.Organization.People.MembershipPeriod;
using MembershipStatus = Alliance.Organization.People.MembershipStatus;
using Person = Alliance.Organization.People.Person;

namespace Alliance.Organization.Organizations;

/// <summary>
/// The party tree as its use cases read, lock and change it, on the call's context: an organization the caller may see
/// (one of a subsidiary the caller cannot see is reported as missing), row locks held until commit, the rewrite of a moved
/// node's descendants, and the roles and memberships an ending organization takes with it.
/// </summary>
public sealed class PartyTree(OrganizationDbContext db)
{
    /// <summary>An organization to change, optionally locked FOR UPDATE first; NOT_FOUND if unseen, ABORTED if its version moved on.</summary>
    public async Task<PartyOrganization> LoadForChangeAsync(Guid id, long expectedVersion, CallerScope caller, CancellationToken ct, bool exclusive = false)
    {
        if (exclusive) await LockAsync(id, exclusive: true, ct);
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null || !caller.CanAccess(organization.SubsidiaryId))
            throw new RpcException(new Status(StatusCode.NotFound, "The organization was not found."));
        if (expectedVersion != 0 && expectedVersion != organization.Version)
            throw new RpcException(new Status(StatusCode.Aborted, StaleMessage));
        return organization;
    }

    /// <summary>
    /// Reads an organization with a row lock held until the transaction ends: FOR SHARE by whoever adds a child under it,
    /// FOR UPDATE by whoever ends it (dissolve, merge). Needs an open transaction.
    /// </summary>
    public async Task<PartyOrganization?> LockAsync(Guid id, bool exclusive, CancellationToken ct)
    {
        var rows = exclusive
            ? db.Organizations.FromSqlInterpolated($"SELECT * FROM party_organizations WHERE id = {id} FOR UPDATE")
            : db.Organizations.FromSqlInterpolated($"SELECT * FROM party_organizations WHERE id = {id} FOR SHARE");
        return (await rows.AsNoTracking().ToListAsync(ct)).SingleOrDefault();
    }

    public async Task<PartyOrganization> FindOrganizationAsync(Guid id, string field, string what, CallerScope caller, CancellationToken ct, bool share = false)
    {
        var organization = share ? await LockAsync(id, exclusive: false, ct)
            : await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        // One in a subsidiary the caller cannot see is reported as missing, not as belonging elsewhere.
        if (organization is null || !caller.CanAccess(organization.SubsidiaryId))
            throw FieldErrors.Single(field, $"{what} was not found.", StatusCode.NotFound);
        return organization;
    }

    public async Task<PartyOrganization> FindReadableAsync(string rawId, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", rawId).ThrowIfAny();
        var id = Guid.Parse(rawId);
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, context.CancellationToken);
        if (organization is null || !caller.CanAccess(organization.SubsidiaryId))
            throw new RpcException(new Status(StatusCode.NotFound, "The organization was not found."));
        return organization;
    }

    /// <summary>
    /// An organization cannot end before a sub-organization moved in or out of it, or the tree of a day between the two
    /// would show a child under an organization that no longer existed.
    /// </summary>
    public async Task EnsureAfterChildMovesAsync(PartyOrganization organization, DateOnly effectiveOn, CancellationToken ct)
    {
        var latest = await db.Set<OrganizationChange>().AsNoTracking()
            .Where(c => c.OrganizationId != organization.Id && (c.OldParentId == organization.Id || c.NewParentId == organization.Id))
            .MaxAsync(c => (DateOnly?)c.EffectiveOn, ct);
        Rule(() => { PartyOrganization.EnsureNotBefore(effectiveOn, latest, "the last sub-organization moved in or out"); return 0; });
    }

    public IQueryable<MembershipPeriod> CurrentMembers(Guid organizationId) => db.Set<MembershipPeriod>()
        .Where(m => m.OrganizationId == organizationId && m.To == null && m.Status != MembershipStatus.TransferredOut);

    public Task<List<Person>> PeopleWithCurrentMembershipInAsync(Guid organizationId, CancellationToken ct) =>
        db.Set<Person>().Include(p => p.Memberships).Include(p => p.Roles).AsSplitQuery()
            .Where(p => p.Memberships.Any(m => m.OrganizationId == organizationId && m.To == null && m.Status != MembershipStatus.TransferredOut))
            .ToListAsync(ct);

    /// <summary>Ends every role in the organization still running on <paramref name="endsOn"/>, through the person, announcing each as RoleEnded; touches every person changed.</summary>
    public async Task EndRolesInAsync(Guid organizationId, DateOnly endsOn, DateTimeOffset now, List<Person> alreadyLoaded, CancellationToken ct)
    {
        var loaded = alreadyLoaded.Select(p => p.Id).ToHashSet();
        var holders = await db.Set<Person>().Include(p => p.Memberships).Include(p => p.Roles).AsSplitQuery()
            .Where(p => !loaded.Contains(p.Id) && p.Roles.Any(r => r.OrganizationId == organizationId && (r.EndsOn == null || r.EndsOn > endsOn)))
            .ToListAsync(ct);
        foreach (var person in alreadyLoaded.Concat(holders))
        {
            foreach (var role in person.Roles.Where(r => r.OrganizationId == organizationId && (r.EndsOn is null || r.EndsOn > endsOn)).ToList())
            {
                var end = role.StartsOn > endsOn ? role.StartsOn : endsOn;
                if (role.EndsOn is { } current && current <= end) continue;
                PersonRule(person, () => person.EndRole(role.Id, end));
                db.AddIntegrationEvent(new RoleEnded(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, role.Id, organizationId, role.Role.ToName(), end));
            }
            person.Touch(now);
        }
    }

    /// <summary>Saves a change; a concurrent change of the same row (its version) is ABORTED.</summary>
    public async Task SaveChangeAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RpcException(new Status(StatusCode.Aborted, StaleMessage));
        }
    }

    /// <summary>Descendants keep their place under a moved node: rewrite their path prefix and depth in one statement.</summary>
    public async Task RewriteDescendantsAsync(PartyOrganization moved, string oldPath, CancellationToken ct)
    {
        var prefix = oldPath + PartyOrganization.PathSeparator;
        var depthShift = moved.Depth - oldPath.Count(c => c == PartyOrganization.PathSeparator);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE party_organizations SET path = {moved.Path + PartyOrganization.PathSeparator} || substr(path, {prefix.Length + 1}), depth = depth + {depthShift} WHERE subsidiary_id = {moved.SubsidiaryId} AND path LIKE {prefix + "%"}", ct);
    }
}
