using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using static Alliance.Organization.Organizations.OrganizationMapping;
using static Alliance.Organization.Organizations.OrganizationRequests;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;

namespace Alliance.Organization.Organizations;

/// <summary>
/// Renames an organization from a day on (effective-dated). The row, its <see cref="OrganizationChange"/> and
/// <c>OrganizationRenamed</c> are saved together.
/// </summary>
public sealed class RenameOrganization(OrganizationDbContext db, TimeProvider clock, PartyTree tree)
{
    public async Task<ContractOrganization> HandleAsync(RenameOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id).Required("name", request.Name, PartyOrganization.MaxNameLength);
        var effectiveOn = EffectiveOn(errors, request.EffectiveOn, clock);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;

        var organization = await tree.LoadForChangeAsync(Guid.Parse(request.Id), request.ExpectedVersion, caller, ct);
        var oldName = organization.Name;
        var now = clock.GetUtcNow();
        Rule(() => organization.Rename(request.Name, effectiveOn!.Value, now, caller.UserId));
        db.AddIntegrationEvent(new OrganizationRenamed(Guid.CreateVersion7(), organization.SubsidiaryId, now,
            organization.Id, oldName, organization.Name, effectiveOn!.Value));
        await tree.SaveChangeAsync(ct);
        return ToContract(organization);
    }
}
