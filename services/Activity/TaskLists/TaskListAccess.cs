using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.TaskLists;

/// <summary>
/// Who sees and who changes a task list (ADR 42). Sees: a group admin every list; every other role the group's lists
/// (their subsidiaries' plans serve them), their own subsidiary's, and those of the alliances their subsidiary leads or
/// takes part in. Changes (tasks, measures): a group admin; for a subsidiary's list its administrators and secretaries;
/// for an alliance's list those of the alliance's lead subsidiary; the group's lists only the group admin. Reports
/// progress on a measure: whoever changes the list, and the administrators and secretaries of the responsible
/// department's subsidiary. Members only read. Partners are refused every task-list call (no [PartnerAccess]).
/// </summary>
public sealed class TaskListAccess(ActivityDbContext db, IOrganizationDirectory directory)
{
    public async Task<IQueryable<TaskList>> VisibleAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsGroupAdmin) return db.TaskLists;
        var alliances = (await directory.AlliancesOfAsync(caller, ct)).ToArray();
        var tenant = caller.TenantId ?? Guid.Empty;
        return db.TaskLists.Where(l => l.OwnerKind == TaskListOwnerKind.Group || l.SubsidiaryId == tenant
            || (l.AllianceId != null && alliances.Contains(l.AllianceId.Value)));
    }

    /// <summary>The list with its tasks and measures; NOT_FOUND when it does not exist or the caller may not see it.</summary>
    public async Task<TaskList> FindVisibleAsync(CallerScope caller, Guid id, bool track, CancellationToken ct)
    {
        var query = db.TaskLists.Include(l => l.Tasks).Include(l => l.Measures).AsSplitQuery();
        if (!track) query = query.AsNoTracking();
        var list = await query.SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw NotFound();
        if (await MaySeeAsync(caller, list, ct)) return list;
        throw NotFound();
    }

    public async Task<bool> MaySeeAsync(CallerScope caller, TaskList list, CancellationToken ct) =>
        caller.IsGroupAdmin || list.OwnerKind == TaskListOwnerKind.Group || caller.TenantId is { } tenant && list.SubsidiaryId == tenant
        || list.AllianceId is { } alliance && (await directory.AlliancesOfAsync(caller, ct)).Contains(alliance);

    public static bool MayChange(CallerScope caller, TaskList list) =>
        caller.MayPlan() && (caller.IsGroupAdmin || caller.TenantId is { } tenant && list.OwnerKind switch
        {
            TaskListOwnerKind.Subsidiary => list.SubsidiaryId == tenant,
            TaskListOwnerKind.Alliance => list.LeadSubsidiaryId == tenant,
            _ => false,
        });

    public static void EnsureMayChange(CallerScope caller, TaskList list)
    {
        caller.EnsureMayPlan("change a task list");
        if (!MayChange(caller, list))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only the list owner's administrators and secretaries may change the task list."));
    }

    /// <summary>Who creates a list for an owner: the group admin any; a subsidiary's planners their own subsidiary's, or an alliance's their subsidiary leads.</summary>
    public static void EnsureMayCreate(CallerScope caller, TaskListOwnerKind kind, Guid? subsidiaryId, Guid? leadSubsidiaryId)
    {
        caller.EnsureMayPlan("create a task list");
        if (caller.IsGroupAdmin) return;
        var allowed = kind switch
        {
            TaskListOwnerKind.Subsidiary => subsidiaryId == caller.TenantId,
            TaskListOwnerKind.Alliance => leadSubsidiaryId == caller.TenantId,
            _ => false,
        };
        if (!allowed)
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                "The group's lists are created by the group admin, a subsidiary's by its own administrators and secretaries, an alliance's by its lead subsidiary's."));
    }

    public static bool MayReport(CallerScope caller, TaskList list, Measure measure) =>
        MayChange(caller, list) || caller.MayPlan() && caller.TenantId is { } tenant && measure.ResponsibleSubsidiaryId == tenant;

    public static void EnsureMayReport(CallerScope caller, TaskList list, Measure measure)
    {
        caller.EnsureMayPlan("report progress on a measure");
        if (!MayReport(caller, list, measure))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only the list's keepers and the responsible department's subsidiary report progress."));
    }

    public static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The task list was not found."));
}
