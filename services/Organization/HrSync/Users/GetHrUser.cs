using Alliance.Organization.Data;
using Grpc.Core;
using static Alliance.Organization.HrSync.HrSyncAccess;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Users;

/// <summary>An HR user of the client's subsidiary; any other is NOT_FOUND.</summary>
public sealed class GetHrUser(OrganizationDbContext db)
{
    public async Task<C.HrUser> HandleAsync(C.GetHrResourceRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var user = await HrUsers.FindAsync(db, tenant, request.Id, tracked: false, context.CancellationToken);
        return ToContract(user);
    }
}
