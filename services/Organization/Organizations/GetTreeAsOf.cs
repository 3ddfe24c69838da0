using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Organizations.OrganizationMapping;
using static Alliance.Organization.Organizations.OrganizationRequests;
using ContractStatus = Alliance.Contracts.Organization.V1.OrganizationStatus;

namespace Alliance.Organization.Organizations;

/// <summary>A subsidiary's tree as it stood on a day, rebuilt from the recorded changes (<see cref="PastTree"/>).</summary>
public sealed class GetTreeAsOf(OrganizationDbContext db)
{
    public async Task<ListOrganizationsResponse> HandleAsync(GetTreeAsOfRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId);
        var asOf = ParseDate(request.AsOf);
        if (string.IsNullOrWhiteSpace(request.AsOf)) errors.Add("asOf", "is required.");
        else if (asOf is null) errors.Add("asOf", "must be a date as yyyy-MM-dd.");
        errors.ThrowIfAny();
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var ct = context.CancellationToken;

        var changes = await db.Set<OrganizationChange>().AsNoTracking()
            .Where(c => c.SubsidiaryId == subsidiaryId && c.EffectiveOn <= asOf!.Value).ToListAsync(ct);
        var current = await db.Organizations.AsNoTracking().Where(o => o.SubsidiaryId == subsidiaryId).ToDictionaryAsync(o => o.Id, ct);
        var tree = PastTree.TreeAsOf(changes, current.ToDictionary(p => p.Key, p => p.Value.Kind), asOf!.Value);
        var response = new ListOrganizationsResponse { Total = tree.Count };
        response.Items.AddRange(tree.Select(node =>
        {
            var now = ToContract(current[node.Id]);
            // As it stood that day: name, parent and place in the tree then; it existed, so it was active.
            now.Name = node.Name;
            now.Path = node.Path;
            now.Depth = node.Depth;
            now.Status = ContractStatus.Active;
            now.ClearParentId();
            if (node.ParentId is { } parent) now.ParentId = parent.ToString();
            now.ClearEndedOn();
            now.ClearMergedIntoId();
            return now;
        }));
        return response;
    }
}
