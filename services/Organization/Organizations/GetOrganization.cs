using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Organizations.OrganizationMapping;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;

namespace Alliance.Organization.Organizations;

/// <summary>One organization of a subsidiary the caller may see; any other is NOT_FOUND.</summary>
public sealed class GetOrganization(OrganizationDbContext db)
{
    public async Task<ContractOrganization> HandleAsync(GetOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var id = Guid.Parse(request.Id);
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, context.CancellationToken);
        if (organization is null || !caller.CanAccess(organization.SubsidiaryId))
            throw new RpcException(new Status(StatusCode.NotFound, "The organization was not found."));
        return ToContract(organization);
    }
}
