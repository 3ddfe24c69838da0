using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>
/// A unit offers a resource: a member unit to an alliance (scope alliance), or an organization of the group to the whole
/// group (scope group), with <c>ResourceOffered</c> in the same transaction; idempotent under its client request id.
/// </summary>
public sealed class OfferResource(ActivityDbContext db, ListAccess access, ListChangeFlow flow, IOrganizationDirectory directory)
{
    public async Task<C.ResourceOffer> HandleAsync(C.OfferResourceRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors();
        var toGroup = request.Scope == "group";
        if (request.Scope is not ("" or "alliance" or "group")) errors.Add("scope", "must be alliance or group.");
        if (toGroup) errors.Id("organizationId", request.OrganizationId);
        else errors.Id("allianceId", request.AllianceId).Id("memberUnitId", request.MemberUnitId);
        var text = ListInput.Offer(errors, request.Details);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        await access.VisibleOffersAsync(caller, ct);
        var key = ClientRequests.KeyFor("offer-resource", caller.TenantId, request.ClientRequestId is { Length: > 0 } id ? $"{caller.UserId}:{id}" : null);
        if (await flow.EarlierAsync(key, ct) is { } earlier) return await LoadAsync(earlier, ct);

        AllianceFacts? alliance = null;
        PostingUnit unit;
        if (toGroup)
        {
            ListAccess.EnsureMayOfferToGroup(caller);
            var organization = await directory.FindOrganizationAsync(caller, Guid.Parse(request.OrganizationId), ct)
                ?? throw FieldErrors.Single("organizationId", "names no organization you can see.", StatusCode.NotFound);
            if (!organization.Active) throw FieldErrors.Single("organizationId", "is not active.", StatusCode.FailedPrecondition);
            ListAccess.EnsureMayOfferFor(caller, organization);
            unit = new PostingUnit(null, organization.Id, organization.SubsidiaryId, organization.Name);
        }
        else
        {
            alliance = await directory.FindAllianceAsync(caller, Guid.Parse(request.AllianceId), ct)
                ?? throw FieldErrors.Single("allianceId", "names no alliance you can see.", StatusCode.NotFound);
            var member = alliance.Members.FirstOrDefault(m => m.Id == Guid.Parse(request.MemberUnitId) && m.Current)
                ?? throw FieldErrors.Single("memberUnitId", "is not a current member unit of the alliance.", StatusCode.NotFound);
            ListAccess.EnsureMayPostFor(caller, await access.PartnerAsync(caller, ct), alliance, member);
            unit = new PostingUnit(member.Id, member.OrganizationId, member.SubsidiaryId, member.Name);
        }
        var now = flow.Now();
        ResourceOffer? offer = null;
        var winner = await flow.CreateAsync(key, () =>
        {
            offer = ResourceOffer.Offer(alliance, unit, text, ListChangeFlow.ActorOf(caller), now);
            db.Add(offer);
            db.AddRange(offer.Changes);
            db.AddIntegrationEvent(ListMapping.Offered(offer, now));
            return offer.Id;
        }, ct);
        return winner is { } w ? await LoadAsync(w, ct) : offer!.ToContract(canChange: true);
    }

    async Task<C.ResourceOffer> LoadAsync(Guid id, CancellationToken ct) =>
        (await db.Set<ResourceOffer>().AsNoTracking().SingleAsync(o => o.Id == id, ct)).ToContract(canChange: true);
}
