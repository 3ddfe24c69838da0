using System.Linq.Expressions;
using Alliance.Organization.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncAccess;

namespace Alliance.Organization.HrSync.Runs;

/// <summary>The sync runs a caller sees: every subsidiary's (group admin), else the caller's own; any other is NOT_FOUND.</summary>
public static class HrSyncRuns
{
    public static async Task<HrSyncRun> FindAsync(OrganizationDbContext db, string id, ServerCallContext context, bool tracked)
    {
        if (!Guid.TryParse(id, out var runId)) throw new RpcException(new Status(StatusCode.NotFound, "The sync run was not found."));
        var runs = tracked ? db.Set<HrSyncRun>() : db.Set<HrSyncRun>().AsNoTracking();
        var run = await runs.Where(Scope(context, "")).SingleOrDefaultAsync(r => r.Id == runId, context.CancellationToken);
        return run ?? throw new RpcException(new Status(StatusCode.NotFound, "The sync run was not found."));
    }

    /// <summary>The runs the caller sees, of one subsidiary if <paramref name="subsidiary"/> is an id.</summary>
    public static Expression<Func<HrSyncRun, bool>> Scope(ServerCallContext context, string subsidiary)
    {
        var (all, tenant) = SyncSight(context);
        Guid? wanted = Guid.TryParse(subsidiary, out var s) ? s : null;
        return r => (all || r.SubsidiaryId == tenant) && (wanted == null || r.SubsidiaryId == wanted);
    }
}
