using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Organizations.OrganizationMapping;
using static Alliance.Organization.Organizations.OrganizationRequests;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;

namespace Alliance.Organization.Organizations;

/// <summary>
/// Merges an organization into a target from a day on: its active children move under the target, its members transfer
/// (each by the person's own transfer), its roles end; the changes and their events are written in one transaction.
/// </summary>
public sealed class MergeOrganization(OrganizationDbContext db, TimeProvider clock, PartyTree tree)
{
    public async Task<ContractOrganization> HandleAsync(MergeOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id).Id("targetId", request.TargetId);
        var effectiveOn = EffectiveOn(errors, request.EffectiveOn, clock);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var day = effectiveOn!.Value;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sourceId = Guid.Parse(request.Id);
        var targetId = Guid.Parse(request.TargetId);
        // Both ends are locked, in id order (no deadlock between two merges), so no child or member arrives meanwhile.
        await db.Organizations.FromSqlInterpolated(
            $"SELECT * FROM party_organizations WHERE id IN ({sourceId}, {targetId}) ORDER BY id FOR UPDATE").ToListAsync(ct);
        var source = await tree.LoadForChangeAsync(sourceId, request.ExpectedVersion, caller, ct);
        var target = await db.Organizations.SingleOrDefaultAsync(o => o.Id == targetId, ct);
        if (target is null || !caller.CanAccess(target.SubsidiaryId))
            throw FieldErrors.Single("targetId", "The target organization was not found.", StatusCode.NotFound);
        var children = await db.Organizations.Where(o => o.ParentId == source.Id && o.Status == OrganizationStatus.Active).ToListAsync(ct);
        await tree.EnsureAfterChildMovesAsync(source, day, ct);

        var now = clock.GetUtcNow();
        var moved = Rule(() => source.MergeInto(target, children, day, now, caller.UserId));
        foreach (var (child, _) in moved)
            db.AddIntegrationEvent(new OrganizationMoved(Guid.CreateVersion7(), source.SubsidiaryId, now, child.Id, source.Id, target.Id, day));

        // Members move with their organization, each by the person's own transfer, so their membership history is kept.
        var members = await tree.PeopleWithCurrentMembershipInAsync(source.Id, ct);
        foreach (var person in members)
        {
            var from = Rule(() => PersonRule(person, () => person.Transfer(target.Id, day, clock.GroupToday())));
            db.AddIntegrationEvent(new MemberTransferred(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, from, target.Id, day));
        }
        await tree.EndRolesInAsync(source.Id, day, now, members, ct);
        db.AddIntegrationEvent(new OrganizationsMerged(Guid.CreateVersion7(), source.SubsidiaryId, now, source.Id, target.Id, source.Kind.ToEventName(), day));
        await tree.SaveChangeAsync(ct);
        foreach (var (child, oldPath) in moved) await tree.RewriteDescendantsAsync(child, oldPath, ct);
        await transaction.CommitAsync(ct);
        return ToContract(source);
    }
}
