using Alliance.Organization.Data;
using Grpc.Core;
using static Alliance.Organization.Alliances.UnitRequests;
using static Alliance.Organization.HrSync.HrSyncAccess;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Users;

/// <summary>
/// An HR client replaces an HR user (SCIM PUT). A replace older than the stored record by HR's time (hr_updated_at) is
/// ignored and the stored record answered.
/// </summary>
public sealed class ReplaceHrUser(OrganizationDbContext db, TimeProvider clock)
{
    public async Task<C.HrUser> HandleAsync(C.HrUserWrite request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var employment = HrUsers.Validate(request);
        var ct = context.CancellationToken;
        var user = await HrUsers.FindAsync(db, tenant, request.Id, tracked: true, ct);
        EnsureExpectedVersion(request.ExpectedVersion, user.Version, "HR user");
        if (!string.Equals(user.UserName, employment.UserName.Trim(), StringComparison.OrdinalIgnoreCase))
            await HrUsers.EnsureUserNameFreeAsync(db, tenant, employment.UserName, user.Id, ct);
        await HrUsers.ApplyAsync(db, clock, tenant, user, employment, request, ct);
        return ToContract(user);
    }
}
