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
/// Moves an organization under a new parent from a day on (effective-dated); its descendants keep their place under it.
/// The row, its <see cref="OrganizationChange"/> and <c>OrganizationMoved</c> are written in one transaction.
/// </summary>
public sealed class MoveOrganization(OrganizationDbContext db, TimeProvider clock, PartyTree tree)
{
    public async Task<ContractOrganization> HandleAsync(MoveOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id).Id("newParentId", request.NewParentId);
        var effectiveOn = EffectiveOn(errors, request.EffectiveOn, clock);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var organization = await tree.LoadForChangeAsync(Guid.Parse(request.Id), request.ExpectedVersion, caller, ct);
        var newParent = await tree.FindOrganizationAsync(Guid.Parse(request.NewParentId), "newParentId", "The new parent organization", caller, ct, share: true);

        var oldParentId = organization.ParentId;
        var now = clock.GetUtcNow();
        var oldPath = Rule(() => organization.MoveUnder(newParent, effectiveOn!.Value, now, caller.UserId));
        db.AddIntegrationEvent(new OrganizationMoved(Guid.CreateVersion7(), organization.SubsidiaryId, now,
            organization.Id, oldParentId, newParent.Id, effectiveOn!.Value));
        await tree.SaveChangeAsync(ct);
        await tree.RewriteDescendantsAsync(organization, oldPath, ct);
        await transaction.CommitAsync(ct);
        return ToContract(organization);
    }
}
