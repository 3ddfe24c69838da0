using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Organizations.OrganizationMapping;

namespace Alliance.Organization.Organizations;

/// <summary>An organization's ancestors from the root down to it, in one statement.</summary>
public sealed class GetOrganizationPath(OrganizationDbContext db)
{
    public async Task<OrganizationPath> HandleAsync(GetOrganizationPathRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var id = Guid.Parse(request.Id);
        // One statement: the node's materialized path names its ancestors, which are then read by primary key.
        var ancestors = await db.Organizations.FromSqlInterpolated($"""
            SELECT a.* FROM party_organizations n
            JOIN party_organizations a ON a.id = ANY (string_to_array(n.path, '/')::uuid[])
            WHERE n.id = {id}
            """).AsNoTracking().OrderBy(o => o.Depth).ToListAsync(context.CancellationToken);
        if (ancestors.Count == 0 || !caller.CanAccess(ancestors[0].SubsidiaryId))
            throw new RpcException(new Status(StatusCode.NotFound, "The organization was not found."));
        var result = new OrganizationPath();
        result.Items.AddRange(ancestors.Select(ToContract));
        return result;
    }
}
