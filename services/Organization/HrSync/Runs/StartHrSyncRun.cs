using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncAccess;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Runs;

/// <summary>An HR client or administrator starts a sync run that batches are then applied into; "scim" is reserved for the daily SCIM runs.</summary>
public sealed class StartHrSyncRun(OrganizationDbContext db, TimeProvider clock)
{
    public async Task<C.HrSyncRun> HandleAsync(C.StartHrSyncRunRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("subsidiaryId", request.SubsidiaryId).Required("source", request.Source, HrSyncRun.MaxSourceLength).ThrowIfAny();
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        var who = AuthorizeSync(context, subsidiaryId);
        var ct = context.CancellationToken;
        if (!await db.Subsidiaries.AnyAsync(s => s.Id == subsidiaryId, ct))
            throw FieldErrors.Single("subsidiaryId", "The subsidiary was not found.", StatusCode.NotFound);
        if (request.Source.Trim().Equals(HrSyncRun.ScimSource, StringComparison.OrdinalIgnoreCase))
            throw FieldErrors.Single("source", "\"scim\" is the source of the SCIM writes' daily runs.");
        var run = HrSyncRun.Start(subsidiaryId, request.Source, request.Total, who, clock.GetUtcNow());
        db.Add(run);
        await db.SaveChangesAsync(ct);
        return ToContract(run, clock);
    }
}
