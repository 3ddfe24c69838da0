using Alliance.Organization.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncAccess;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Users;

/// <summary>
/// An HR client adds an HR user (SCIM POST). It is matched to a person by employee number, else by the externalId of an
/// earlier HR record, else a new employee person is registered; HR owns the person's name and employee number only.
/// </summary>
public sealed class CreateHrUser(OrganizationDbContext db, TimeProvider clock)
{
    public async Task<C.HrUser> HandleAsync(C.HrUserWrite request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        var employment = HrUsers.Validate(request);
        var ct = context.CancellationToken;
        // One connection for the call's statements (not one from the pool per statement). A taken userName is found by
        // the unique index when saving (SaveAsync), which writes nothing then: no look-up of its own beforehand.
        await db.Database.OpenConnectionAsync(ct);
        var result = await HrUsers.ApplyAsync(db, clock, tenant, null, employment, request, ct);
        return ToContract(result.User!);
    }
}
