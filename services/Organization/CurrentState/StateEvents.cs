using Alliance.Contracts.Events;
using Alliance.Organization.Alliances;
using Alliance.Organization.Data;
using Alliance.Organization.Organizations;
using Alliance.Organization.Pairings;
using Alliance.Organization.People;
using Microsoft.EntityFrameworkCore;
using static Alliance.ServiceDefaults.Messaging.CurrentStateEvents;

namespace Alliance.Organization.CurrentState;

/// <summary>
/// The events that recreate, on an empty read model, what the organization service holds now: what its own events would
/// have left there. An ended organization is created and ended (its name stays known, it counts for nothing); an ended
/// role or pairing is signed or assigned and ended; a renewed pairing is signed and renewed to its latest agreement.
/// </summary>
static class StateEvents
{
    public static async IAsyncEnumerable<IIntegrationEvent> ReadAsync(OrganizationDbContext db,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var s in db.Subsidiaries.AsNoTracking().OrderBy(s => s.Id).AsAsyncEnumerable().WithCancellation(ct))
            yield return new SubsidiaryRegistered(Guid.CreateVersion7(), s.Id, At, s.Id, s.Code, s.Name);

        await foreach (var o in db.Organizations.AsNoTracking().OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.SubsidiaryId, o.ParentId, o.Name, o.Kind, o.Status, o.EndedOn, o.MergedIntoId })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new OrganizationCreated(Guid.CreateVersion7(), o.SubsidiaryId, At, o.Id, o.ParentId, o.Name, o.Kind.ToEventName());
            if (o.Status == OrganizationStatus.Merged && o.MergedIntoId is { } target)
                yield return new OrganizationsMerged(Guid.CreateVersion7(), o.SubsidiaryId, At, o.Id, target, o.Kind.ToEventName(), o.EndedOn ?? default);
            else if (o.Status != OrganizationStatus.Active)
                yield return new OrganizationDissolved(Guid.CreateVersion7(), o.SubsidiaryId, At, o.Id, o.Kind.ToEventName(), o.EndedOn ?? default);
        }

        await foreach (var p in db.Set<Person>().AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.SubsidiaryId, p.Name, p.Kind, HoldsManagementPost = p.ManagementPost != null })
            .AsAsyncEnumerable().WithCancellation(ct))
            yield return new PersonRegistered(Guid.CreateVersion7(), p.SubsidiaryId, At, p.Id, p.Name, p.Kind.ToName(), p.HoldsManagementPost);

        await foreach (var m in (
            from period in db.Set<MembershipPeriod>().AsNoTracking()
            join person in db.Set<Person>().AsNoTracking() on period.PersonId equals person.Id
            where period.To == null
            orderby period.PersonId
            select new { period.PersonId, person.SubsidiaryId, period.OrganizationId, period.Status, period.From }).AsAsyncEnumerable().WithCancellation(ct))
            yield return new MemberJoined(Guid.CreateVersion7(), m.SubsidiaryId, At, m.PersonId, m.OrganizationId, m.Status.ToName(), m.From);

        await foreach (var r in (
            from role in db.Set<OrganizationRole>().AsNoTracking()
            join person in db.Set<Person>().AsNoTracking() on role.PersonId equals person.Id
            orderby role.Id
            select new { role.Id, role.PersonId, person.SubsidiaryId, role.OrganizationId, role.Role, role.StartsOn, role.EndsOn }).AsAsyncEnumerable().WithCancellation(ct))
            yield return new RoleAssigned(Guid.CreateVersion7(), r.SubsidiaryId, At, r.PersonId, r.Id, r.OrganizationId, r.Role.ToName(), r.StartsOn, r.EndsOn);

        await foreach (var a in db.Set<PartyAlliance>().AsNoTracking().Include(a => a.Members).OrderBy(a => a.Id).AsSplitQuery()
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            var lead = a.Members.FirstOrDefault(m => m.Id == a.LeadMemberUnitId);
            yield return new AllianceFormed(Guid.CreateVersion7(), a.LeadSubsidiaryId, At, a.Id, a.Name, a.Theme, a.LeadOrganizationId, a.LeadMemberUnitId, lead?.Name);
            foreach (var unit in a.Members.Where(m => m.Id != a.LeadMemberUnitId))
                yield return new UnitJoinedAlliance(Guid.CreateVersion7(), a.LeadSubsidiaryId, At, a.Id, unit.Id, unit.OrganizationId, unit.SubsidiaryId, unit.Name, unit.JoinedOn);
            foreach (var unit in a.Members.Where(m => m.LeftOn is not null))
                yield return new UnitLeftAlliance(Guid.CreateVersion7(), a.LeadSubsidiaryId, At, a.Id, unit.Id, unit.LeftOn!.Value);
            if (a.RotationStartsOn is { } startsOn)
                yield return new RotationScheduled(Guid.CreateVersion7(), a.LeadSubsidiaryId, At, a.Id, [.. a.RotationOrder], startsOn, a.RotationPeriodMonths);
        }

        await foreach (var p in db.Set<Pairing>().AsNoTracking().Include(p => p.Agreements).OrderBy(p => p.Id).AsSplitQuery()
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            var first = p.Agreements.MinBy(a => a.Sequence);
            var latest = p.Agreements.MaxBy(a => a.Sequence);
            yield return new PairingSigned(Guid.CreateVersion7(), p.TenantId, At, p.Id, p.First.OrganizationId, p.Second.OrganizationId,
                first?.Title ?? p.Title, first?.SignedOn ?? p.SignedOn, first?.ExpiresOn ?? p.ExpiresOn, p.PartnerSubsidiaryId);
            if (latest is { Sequence: > 1 })
                yield return new PairingRenewed(Guid.CreateVersion7(), p.TenantId, At, p.Id, latest.Sequence, latest.Title, latest.SignedOn, latest.ExpiresOn, p.PartnerSubsidiaryId);
            if (p.EndedOn is { } endedOn)
                yield return new PairingEnded(Guid.CreateVersion7(), p.TenantId, At, p.Id, endedOn, p.EndReason ?? "", p.PartnerSubsidiaryId);
        }
    }
}
