using Alliance.Organization.Data;
using Grpc.Core;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Runs;

/// <summary>A sync run the caller sees, with its counters.</summary>
public sealed class GetHrSyncRun(OrganizationDbContext db, TimeProvider clock)
{
    public async Task<C.HrSyncRun> HandleAsync(C.GetHrSyncRunRequest request, ServerCallContext context) =>
        ToContract(await HrSyncRuns.FindAsync(db, request.Id, context, tracked: false), clock);
}
