using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Common;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Common.ClientRequests;
using static Alliance.Organization.Organizations.OrganizationMapping;
using static Alliance.Organization.Organizations.OrganizationRequests;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;

namespace Alliance.Organization.Organizations;

/// <summary>
/// Adds an organization to a subsidiary's tree, under a parent or as a root; idempotent by client request id.
/// <c>OrganizationCreated</c> goes out through the outbox in the same transaction.
/// </summary>
public sealed class CreateOrganization(OrganizationDbContext db, TimeProvider clock, PartyTree tree)
{
    public async Task<ContractOrganization> HandleAsync(CreateOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors()
            .Id("subsidiaryId", request.SubsidiaryId)
            .Id("parentId", request.HasParentId ? request.ParentId : null, required: false)
            .Required("name", request.Name, PartyOrganization.MaxNameLength);
        if (FromContract(request.Kind) is null) errors.Add("kind", "must be committee, general-branch, branch or group.");
        var effectiveOn = EffectiveOn(errors, request.EffectiveOn, clock);
        errors.ThrowIfAny();
        var kind = FromContract(request.Kind)!.Value;
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var ct = context.CancellationToken;

        var requestKey = string.IsNullOrWhiteSpace(request.ClientRequestId) ? null
            : ClientRequest.KeyFor("create-organization", subsidiaryId, request.ClientRequestId);
        if (requestKey is not null && await db.FindClientRequestAsync(requestKey, ct) is { } earlier)
            return ToContract(await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == earlier, ct));

        if (!await db.Subsidiaries.AnyAsync(s => s.Id == subsidiaryId, ct))
            throw FieldErrors.Single("subsidiaryId", "The subsidiary was not found.", StatusCode.NotFound);
        // The parent is read under a share lock until commit, so a concurrent dissolve or merge of it waits (or is seen).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        PartyOrganization? parent = null;
        if (request.HasParentId && !string.IsNullOrWhiteSpace(request.ParentId))
        {
            var parentId = Guid.Parse(request.ParentId);
            parent = await tree.LockAsync(parentId, exclusive: false, ct);
            // A parent in a subsidiary the caller cannot see is reported as missing, not as belonging elsewhere.
            if (parent is null || !caller.CanAccess(parent.SubsidiaryId))
                throw FieldErrors.Single("parentId", "The parent organization was not found.", StatusCode.NotFound);
        }

        var organization = Rule(() => PartyOrganization.Create(subsidiaryId, parent, request.Name, kind, effectiveOn!.Value, clock.GetUtcNow(), caller.UserId));
        db.Organizations.Add(organization);
        db.RememberClientRequest(requestKey, organization.Id, clock.GetUtcNow());
        db.AddIntegrationEvent(new OrganizationCreated(Guid.CreateVersion7(), subsidiaryId, organization.CreatedAt,
            organization.Id, organization.ParentId, organization.Name, organization.Kind.ToEventName()));
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner)
            return ToContract(await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == winner, ct));
        await transaction.CommitAsync(ct);
        return ToContract(organization);
    }
}
