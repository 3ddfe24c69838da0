using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Alliances.UnitRequests;
using static Alliance.Organization.HrSync.HrSyncAccess;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Groups;

/// <summary>
/// What the HR group use cases share, on the call's context: a group of the client's subsidiary (any other is NOT_FOUND),
/// its members resolved and read, and a change of its members under a row lock.
/// </summary>
public sealed class HrGroups(OrganizationDbContext db, TimeProvider clock)
{
    /// <summary>
    /// One change of a group's members, under a row lock of the group (SELECT … FOR UPDATE) in a transaction: two
    /// concurrent patches are applied one after the other, so neither loses the other's members.
    /// </summary>
    public async Task<C.HrGroup> ChangeAsync(ServerCallContext context, string id, long expectedVersion,
        Func<HrGroup, HashSet<string>, CancellationToken, Task> change)
    {
        var tenant = HrTenant(context);
        var ct = context.CancellationToken;
        if (!Guid.TryParse(id, out var groupId)) throw NotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM hr_groups WHERE id = {groupId} AND subsidiary_id = {tenant} FOR UPDATE").ToListAsync(ct);
        if (locked.Count == 0) throw NotFound();
        var group = await db.Set<HrGroup>().SingleAsync(g => g.Id == groupId, ct);
        EnsureExpectedVersion(expectedVersion, group.Version, "HR group");
        var stored = await db.Set<HrGroupMember>().Where(m => m.GroupId == groupId).ToListAsync(ct);
        var members = new HashSet<string>(stored.Select(m => m.MemberId.ToString()), StringComparer.OrdinalIgnoreCase);
        await change(group, members, ct);
        var wanted = await ResolveMembersAsync(tenant, groupId, members, ct);
        db.RemoveRange(stored.Where(m => !wanted.ContainsKey(m.MemberId)));
        var storedIds = stored.Select(m => m.MemberId).ToHashSet();
        db.AddRange(wanted.Where(w => !storedIds.Contains(w.Key)).Select(w => new HrGroupMember { GroupId = groupId, MemberId = w.Key, MemberType = w.Value }));
        group.Touch(clock.GetUtcNow());
        await HrSyncRequests.SaveAsync(db, ct);
        await transaction.CommitAsync(ct);
        return await LoadAsync(groupId, withMembers: true, ct);
    }

    /// <summary>The members by id with their type; an id that is no HR user or group of the subsidiary is InvalidArgument naming it.</summary>
    public async Task<Dictionary<Guid, string>> ResolveMembersAsync(Guid tenant, Guid groupId, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = new HashSet<Guid>();
        var unknown = new List<string>();
        foreach (var raw in ids)
        {
            if (Guid.TryParse(raw, out var id)) wanted.Add(id);
            else unknown.Add(raw);
        }
        if (wanted.Contains(groupId)) throw FieldErrors.Single("members", "A group cannot be a member of itself.");
        var users = await db.Set<HrUser>().Where(u => u.SubsidiaryId == tenant && wanted.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var groups = await db.Set<HrGroup>().Where(g => g.SubsidiaryId == tenant && wanted.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        var result = users.ToDictionary(u => u, _ => "User");
        foreach (var g in groups) result[g] = "Group";
        unknown.AddRange(wanted.Where(w => !result.ContainsKey(w)).Select(w => w.ToString()));
        if (unknown.Count > 0)
            throw FieldErrors.Single("members", $"No user or group with the id {string.Join(", ", unknown.Take(20).Select(u => $"\"{u}\""))}.");
        return result;
    }

    public async Task<C.HrGroup> LoadAsync(Guid id, bool withMembers, CancellationToken ct)
    {
        var group = await db.Set<HrGroup>().AsNoTracking().SingleAsync(g => g.Id == id, ct);
        var members = withMembers ? await MembersOfAsync([id], ct) : [];
        return ToContract(group, members);
    }

    public async Task<List<HrGroupMemberRow>> MembersOfAsync(List<Guid> groupIds, CancellationToken ct)
    {
        if (groupIds.Count == 0) return [];
        var users = await (from m in db.Set<HrGroupMember>().AsNoTracking()
                           join u in db.Set<HrUser>() on m.MemberId equals u.Id
                           where groupIds.Contains(m.GroupId)
                           select new HrGroupMemberRow(m.GroupId, m.MemberId, "User", u.DisplayName ?? u.UserName)).ToListAsync(ct);
        var groups = await (from m in db.Set<HrGroupMember>().AsNoTracking()
                            join g in db.Set<HrGroup>() on m.MemberId equals g.Id
                            where groupIds.Contains(m.GroupId)
                            select new HrGroupMemberRow(m.GroupId, m.MemberId, "Group", g.DisplayName)).ToListAsync(ct);
        return [.. users, .. groups];
    }

    public async Task<HrGroup> FindAsync(Guid tenant, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var groupId)) throw NotFound();
        return await db.Set<HrGroup>().SingleOrDefaultAsync(g => g.Id == groupId && g.SubsidiaryId == tenant, ct) ?? throw NotFound();
    }

    static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The group was not found."));

    public static void Validate(C.HrGroupWrite request)
    {
        var errors = new FieldErrors().Required("displayName", request.DisplayName, HrGroup.MaxDisplayNameLength);
        if (request.HasExternalId && request.ExternalId.Length > HrUser.MaxTextLength) errors.Add("externalId", $"must be at most {HrUser.MaxTextLength} characters.");
        errors.ThrowIfAny();
    }
}
