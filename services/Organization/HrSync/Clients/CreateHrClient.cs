using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using static Alliance.Organization.Alliances.UnitRequests;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Clients;

/// <summary>An administrator issues an HR client's credentials for a subsidiary; the secret is answered this once only.</summary>
public sealed class CreateHrClient(OrganizationDbContext db, TimeProvider clock)
{
    public async Task<C.CreateHrClientResponse> HandleAsync(C.CreateHrClientRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Required("name", request.Name, HrClientCredential.MaxNameLength).Id("subsidiaryId", request.SubsidiaryId).ThrowIfAny();
        caller.EnsureAdmin("create an HR client");
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var ct = context.CancellationToken;
        if (!await db.Subsidiaries.AnyAsync(s => s.Id == subsidiaryId, ct))
            throw FieldErrors.Single("subsidiaryId", "The subsidiary was not found.", StatusCode.NotFound);
        var (client, secret) = HrClientCredential.Issue(subsidiaryId, request.Name, caller.UserId ?? caller.Role, clock.GetUtcNow());
        db.Add(client);
        await db.SaveChangesAsync(ct);
        return new C.CreateHrClientResponse { Client = ToContract(client), Secret = secret };
    }
}
