using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Alliances.UnitRequests;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Runs;

/// <summary>Finishes a started run, succeeded or failed with an error; a daily SCIM run is never finished.</summary>
public sealed class FinishHrSyncRun(OrganizationDbContext db, TimeProvider clock)
{
    public async Task<C.HrSyncRun> HandleAsync(C.FinishHrSyncRunRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var run = await HrSyncRuns.FindAsync(db, request.Id, context, tracked: true);
        if (run.Day is not null) throw FieldErrors.Single("id", "A daily SCIM run is not finished.", StatusCode.FailedPrecondition);
        run.Finish(request.Failed, string.IsNullOrWhiteSpace(request.Error) ? null : request.Error.Trim(), clock.GetUtcNow());
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw Stale("sync run"); }
        return ToContract(run, clock);
    }
}
