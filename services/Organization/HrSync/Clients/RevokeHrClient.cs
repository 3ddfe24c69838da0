using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using static Alliance.Organization.Alliances.UnitRequests;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Clients;

/// <summary>An administrator revokes an HR client of a subsidiary they may reach; another subsidiary's is NOT_FOUND.</summary>
public sealed class RevokeHrClient(OrganizationDbContext db, TimeProvider clock)
{
    public async Task<C.HrClient> HandleAsync(C.RevokeHrClientRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var id = Guid.Parse(request.Id);
        var ct = context.CancellationToken;
        var client = await db.Set<HrClientCredential>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null || !caller.CanAccess(client.SubsidiaryId)) throw new RpcException(new Status(StatusCode.NotFound, "The HR client was not found."));
        caller.EnsureAdmin("revoke an HR client");
        client.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ToContract(client);
    }
}
