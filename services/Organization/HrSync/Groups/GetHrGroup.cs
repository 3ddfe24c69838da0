using Alliance.Organization.Data;
using Grpc.Core;
using static Alliance.Organization.HrSync.HrSyncAccess;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Groups;

/// <summary>An HR group of the client's subsidiary with its members; any other is NOT_FOUND.</summary>
public sealed class GetHrGroup(HrGroups groups)
{
    public async Task<C.HrGroup> HandleAsync(C.GetHrResourceRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var ct = context.CancellationToken;
        var group = await groups.FindAsync(tenant, request.Id, ct);
        return await groups.LoadAsync(group.Id, withMembers: true, ct);
    }
}
