using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using static Alliance.Organization.Alliances.UnitRequests;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Clients;

/// <summary>The HR clients an administrator may see (a subsidiary administrator: its own subsidiary's), newest first; revoked ones on request.</summary>
public sealed class ListHrClients(OrganizationDbContext db)
{
    public async Task<C.ListHrClientsResponse> HandleAsync(C.ListHrClientsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: false).ThrowIfAny();
        caller.EnsureAdmin("see HR clients");
        var query = db.Set<HrClientCredential>().AsNoTracking();
        if (!caller.IsGroupAdmin) query = query.Where(c => c.SubsidiaryId == caller.TenantId);
        if (Guid.TryParse(request.SubsidiaryId, out var subsidiaryId)) query = query.Where(c => c.SubsidiaryId == subsidiaryId);
        if (!request.IncludeRevoked) query = query.Where(c => c.RevokedAt == null);
        var items = await query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Take(500).ToListAsync(context.CancellationToken);
        var response = new C.ListHrClientsResponse();
        response.Items.AddRange(items.Select(ToContract));
        return response;
    }
}
