using Alliance.Organization.Data;
using Grpc.Core;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Conflicts;

/// <summary>An HR conflict the caller sees.</summary>
public sealed class GetHrConflict(OrganizationDbContext db)
{
    public async Task<C.HrConflict> HandleAsync(C.GetHrConflictRequest request, ServerCallContext context) =>
        ToContract(await HrConflicts.FindAsync(db, request.Id, context, tracked: false));
}
