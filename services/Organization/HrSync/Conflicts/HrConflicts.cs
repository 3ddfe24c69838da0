using Alliance.Organization.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncAccess;

namespace Alliance.Organization.HrSync.Conflicts;

/// <summary>The HR conflicts a caller sees: every subsidiary's (group admin), else the caller's own; any other is NOT_FOUND.</summary>
public static class HrConflicts
{
    public static async Task<HrConflict> FindAsync(OrganizationDbContext db, string id, ServerCallContext context, bool tracked)
    {
        var (all, tenant) = SyncSight(context);
        if (!Guid.TryParse(id, out var conflictId)) throw new RpcException(new Status(StatusCode.NotFound, "The conflict was not found."));
        var conflicts = tracked ? db.Set<HrConflict>() : db.Set<HrConflict>().AsNoTracking();
        return await conflicts.SingleOrDefaultAsync(c => c.Id == conflictId && (all || c.SubsidiaryId == tenant), context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "The conflict was not found."));
    }
}
