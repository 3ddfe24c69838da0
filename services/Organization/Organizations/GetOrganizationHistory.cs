using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Organizations.OrganizationMapping;

namespace Alliance.Organization.Organizations;

/// <summary>An organization's effective-dated changes, newest first.</summary>
public sealed class GetOrganizationHistory(OrganizationDbContext db, PartyTree tree)
{
    public async Task<OrganizationHistory> HandleAsync(GetOrganizationHistoryRequest request, ServerCallContext context)
    {
        var organization = await tree.FindReadableAsync(request.Id, context);
        var changes = await db.Set<OrganizationChange>().AsNoTracking().Where(c => c.OrganizationId == organization.Id)
            .OrderByDescending(c => c.EffectiveOn).ThenByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
            .ToListAsync(context.CancellationToken);
        var result = new OrganizationHistory();
        result.Changes.AddRange(changes.Select(ToContract));
        return result;
    }
}
