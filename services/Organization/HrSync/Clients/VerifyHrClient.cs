using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Clients;

/// <summary>The gateway verifies an HR client's secret by its SHA-256: the client if it is not revoked, else NOT_FOUND.</summary>
public sealed class VerifyHrClient(OrganizationDbContext db)
{
    public async Task<C.HrClient> HandleAsync(C.VerifyHrClientRequest request, ServerCallContext context)
    {
        var hash = request.SecretSha256?.Trim().ToLowerInvariant() ?? "";
        if (hash.Length != 64) throw new RpcException(new Status(StatusCode.NotFound, "No such HR client."));
        var client = await db.Set<HrClientCredential>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.SecretSha256 == hash && c.RevokedAt == null, context.CancellationToken);
        return client is null ? throw new RpcException(new Status(StatusCode.NotFound, "No such HR client.")) : ToContract(client);
    }
}
