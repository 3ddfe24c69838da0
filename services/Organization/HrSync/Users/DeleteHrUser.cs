using Alliance.Organization.Data;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Messaging;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Alliances.UnitRequests;
using static Alliance.Organization.HrSync.HrSyncAccess;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Users;

/// <summary>An HR client deletes an HR user (SCIM DELETE): it leaves its groups and <c>PersonLeftInHr</c> goes out with the change.</summary>
public sealed class DeleteHrUser(OrganizationDbContext db, TimeProvider clock)
{
    public async Task<C.DeleteHrResourceResponse> HandleAsync(C.DeleteHrResourceRequest request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var ct = context.CancellationToken;
        var user = await HrUsers.FindAsync(db, tenant, request.Id, tracked: true, ct);
        EnsureExpectedVersion(request.ExpectedVersion, user.Version, "HR user");
        var now = clock.GetUtcNow();
        user.Delete(now);
        db.RemoveRange(await db.Set<HrGroupMember>().Where(m => m.MemberId == user.Id).ToListAsync(ct));
        db.AddIntegrationEvent(new PersonLeftInHr(Guid.CreateVersion7(), tenant, now, user.PersonId, user.Id, "deleted"));
        await HrSyncRequests.SaveAsync(db, ct);
        return new C.DeleteHrResourceResponse();
    }
}
