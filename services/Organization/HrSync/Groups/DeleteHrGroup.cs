using Alliance.Organization.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Alliances.UnitRequests;
using static Alliance.Organization.HrSync.HrSyncAccess;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Groups;

/// <summary>An HR client deletes an HR group (SCIM DELETE), with its memberships both ways.</summary>
public sealed class DeleteHrGroup(OrganizationDbContext db, HrGroups groups)
{
    public async Task<C.DeleteHrResourceResponse> HandleAsync(C.DeleteHrResourceRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var ct = context.CancellationToken;
        var group = await groups.FindAsync(tenant, request.Id, ct);
        EnsureExpectedVersion(request.ExpectedVersion, group.Version, "HR group");
        db.RemoveRange(await db.Set<HrGroupMember>().Where(m => m.MemberId == group.Id || m.GroupId == group.Id).ToListAsync(ct));
        db.Remove(group);
        await HrSyncRequests.SaveAsync(db, ct);
        return new C.DeleteHrResourceResponse();
    }
}
