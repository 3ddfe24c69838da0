using Alliance.Contracts;
using Alliance.ServiceDefaults.Security;
using Alliance.Talent.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Talent.Lists;

/// <summary>
/// Who sees and who changes dynamic lists. Lists: a group admin sees all and defines group lists or a subsidiary's; a
/// subsidiary admin or secretary sees the group's lists and their subsidiary's, and a subsidiary admin defines their
/// subsidiary's. Entries: a group admin sees and decides all; a subsidiary admin sees and decides (review, list, reject,
/// remove, confirm, re-evaluate) their subsidiary's; a secretary sees their subsidiary's and nominates people of their
/// organization's subtree (a subsidiary admin: of their subsidiary). Members and partners see none of it.
/// </summary>
public sealed class DynamicListAccess(TalentDbContext db)
{
    public static void EnsureMaySee(CallerScope caller)
    {
        if (!caller.IsAdminOrSecretary()) throw Requests.Denied("Only administrators and secretaries see dynamic lists.");
    }

    public IQueryable<TalentList> VisibleLists(CallerScope caller)
    {
        EnsureMaySee(caller);
        if (caller.IsGroupAdmin) return db.TalentLists;
        var tenant = caller.TenantId;
        return db.TalentLists.Where(l => l.SubsidiaryId == null || l.SubsidiaryId == tenant);
    }

    public async Task<TalentList> FindListAsync(CallerScope caller, Guid id, CancellationToken ct) =>
        await VisibleLists(caller).AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw ListNotFound();

    public static bool MayDefine(CallerScope caller, Guid? subsidiaryId) =>
        caller.IsGroupAdmin || (caller.Role == Roles.SubsidiaryAdmin && subsidiaryId is { } s && s == caller.TenantId);

    public IQueryable<ListEntry> VisibleEntries(CallerScope caller, Guid listId)
    {
        EnsureMaySee(caller);
        var entries = db.ListEntries.Where(e => e.ListId == listId);
        if (caller.IsGroupAdmin) return entries;
        var tenant = caller.TenantId;
        return entries.Where(e => e.SubsidiaryId == tenant);
    }

    public static bool MayDecide(CallerScope caller, Guid subsidiaryId) =>
        caller.IsGroupAdmin || (caller.Role == Roles.SubsidiaryAdmin && caller.TenantId == subsidiaryId);

    public static void EnsureMayDecide(CallerScope caller, Guid subsidiaryId)
    {
        if (!MayDecide(caller, subsidiaryId))
            throw Requests.Denied("Only a group administrator or the unit's subsidiary administrator reviews, lists, removes and re-evaluates entries.");
    }

    public static RpcException ListNotFound() => new(new Status(StatusCode.NotFound, "The list was not found."));
    public static RpcException EntryNotFound() => new(new Status(StatusCode.NotFound, "The entry was not found."));
}
