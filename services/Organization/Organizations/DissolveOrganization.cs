using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Organizations.OrganizationMapping;
using static Alliance.Organization.Organizations.OrganizationRequests;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;

namespace Alliance.Organization.Organizations;

/// <summary>
/// Dissolves an organization from a day on, once it has no active child and no current member; its roles end. The row,
/// its <see cref="OrganizationChange"/> and the events are written in one transaction.
/// </summary>
public sealed class DissolveOrganization(OrganizationDbContext db, TimeProvider clock, PartyTree tree)
{
    public async Task<ContractOrganization> HandleAsync(DissolveOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id);
        var effectiveOn = EffectiveOn(errors, request.EffectiveOn, clock);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var day = effectiveOn!.Value;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Locked until commit: a child created or moved here concurrently either waits and then finds it dissolved, or is counted.
        var organization = await tree.LoadForChangeAsync(Guid.Parse(request.Id), request.ExpectedVersion, caller, ct, exclusive: true);
        var activeChildren = await db.Organizations.CountAsync(o => o.ParentId == organization.Id && o.Status == OrganizationStatus.Active, ct);
        var currentMembers = await tree.CurrentMembers(organization.Id).CountAsync(ct);
        var now = clock.GetUtcNow();
        Rule(() => organization.Dissolve(activeChildren, currentMembers, day, now, caller.UserId));
        await tree.EnsureAfterChildMovesAsync(organization, day, ct);
        await tree.EndRolesInAsync(organization.Id, day, now, [], ct);
        db.AddIntegrationEvent(new OrganizationDissolved(Guid.CreateVersion7(), organization.SubsidiaryId, now, organization.Id, organization.Kind.ToEventName(), day));
        await tree.SaveChangeAsync(ct);
        await transaction.CommitAsync(ct);
        return ToContract(organization);
    }
}
