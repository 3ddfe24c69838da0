using Alliance.Activity.Data;
using Alliance.Contracts;
using Alliance.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Lists;

/// <summary>
/// Who sees and who changes the problem and resource lists and their matches, in one place.
/// <para>Seeing: a group admin sees everything. Administrators and secretaries of a subsidiary see the lists of the
/// alliances their subsidiary leads or has a current member unit in (asked of the organization service) or had one in when
/// the entry was posted, and every offer to the whole group. A partner sees the lists of the alliances their unit is a
/// current member of, not the group's own offers. Members (role member) do not see the lists.</para>
/// <para>Posting and changing: for an internal unit its subsidiary's administrators and secretaries (and group admins); for
/// an external unit its partners, and the administrators and secretaries of the alliance lead's subsidiary acting for it.
/// An offer to the whole group is made by administrators and secretaries of the offering organization's subsidiary.</para>
/// <para>Matches: proposed, accepted, declined and resolved by whoever acts for the problem's unit or the offering unit,
/// by group admins, and by subsidiary admins of a subsidiary that sees the problem's alliance.</para>
/// </summary>
public sealed class ListAccess(ActivityDbContext db, IOrganizationDirectory directory, PartnerUnits partners)
{
    public async Task<IQueryable<Problem>> VisibleProblemsAsync(CallerScope caller, CancellationToken ct)
    {
        EnsureMaySee(caller);
        if (caller.IsGroupAdmin) return db.Set<Problem>();
        if (caller.IsPartner)
        {
            var of = (await partners.OfAsync(caller, ct))?.AllianceIds.ToArray() ?? [];
            return db.Set<Problem>().Where(p => of.Contains(p.AllianceId));
        }
        var tenant = caller.TenantId!.Value;
        var alliances = (await directory.AlliancesOfAsync(caller, ct)).ToArray();
        return db.Set<Problem>().Where(p => p.VisibleSubsidiaryIds.Contains(tenant) || alliances.Contains(p.AllianceId));
    }

    public async Task<IQueryable<ResourceOffer>> VisibleOffersAsync(CallerScope caller, CancellationToken ct)
    {
        EnsureMaySee(caller);
        if (caller.IsGroupAdmin) return db.Set<ResourceOffer>();
        if (caller.IsPartner)
        {
            var of = (await partners.OfAsync(caller, ct))?.AllianceIds.ToArray() ?? [];
            return db.Set<ResourceOffer>().Where(o => o.AllianceId != null && of.Contains(o.AllianceId.Value));
        }
        var tenant = caller.TenantId!.Value;
        var alliances = (await directory.AlliancesOfAsync(caller, ct)).ToArray();
        return db.Set<ResourceOffer>().Where(o => o.Scope == OfferScope.Group || o.VisibleSubsidiaryIds.Contains(tenant)
            || o.AllianceId != null && alliances.Contains(o.AllianceId.Value));
    }

    /// <summary>The offers a problem's candidates come from: those of its alliance and the group's (whoever asks, the candidates are the problem's).</summary>
    public IQueryable<ResourceOffer> OffersFor(Problem problem, CallerScope caller) =>
        caller.IsPartner
            ? db.Set<ResourceOffer>().Where(o => o.AllianceId == problem.AllianceId)
            : db.Set<ResourceOffer>().Where(o => o.AllianceId == problem.AllianceId || o.Scope == OfferScope.Group);

    /// <summary>NOT_FOUND when the problem does not exist or the caller may not see it.</summary>
    public async Task<Problem> FindProblemAsync(CallerScope caller, Guid id, bool track, CancellationToken ct)
    {
        var query = await VisibleProblemsAsync(caller, ct);
        return await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw NotFound("problem");
    }

    public async Task<ResourceOffer> FindOfferAsync(CallerScope caller, Guid id, bool track, CancellationToken ct)
    {
        var query = await VisibleOffersAsync(caller, ct);
        return await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync(o => o.Id == id, ct) ?? throw NotFound("resource offer");
    }

    /// <summary>The calling partner's unit (null for everyone else), asked once per call.</summary>
    public Task<PartnerUnitFacts?> PartnerAsync(CallerScope caller, CancellationToken ct) => partners.OfAsync(caller, ct);

    /// <summary>Whether the caller acts for a unit: its partners, or administrators and secretaries of its subsidiary (the lead's for an external unit).</summary>
    public static bool ActsFor(CallerScope caller, PartnerUnitFacts? partner, Guid? memberUnitId, Guid? subsidiaryId, Guid? leadSubsidiaryId)
    {
        if (caller.IsPartner) return memberUnitId is { } unit && partner is not null && partner.MemberUnitIds.Contains(unit);
        if (!caller.MayPlan()) return false;
        if (caller.IsGroupAdmin) return true;
        return subsidiaryId is { } s ? caller.TenantId == s : caller.TenantId == leadSubsidiaryId;
    }

    public static bool MayChange(CallerScope caller, PartnerUnitFacts? partner, Problem p) =>
        ActsFor(caller, partner, p.MemberUnitId, p.SubsidiaryId, p.LeadSubsidiaryId);

    public static bool MayChange(CallerScope caller, PartnerUnitFacts? partner, ResourceOffer o) =>
        ActsFor(caller, partner, o.MemberUnitId, o.SubsidiaryId, o.LeadSubsidiaryId);

    public static void EnsureMayPostFor(CallerScope caller, PartnerUnitFacts? partner, AllianceFacts alliance, MemberUnitFacts unit)
    {
        if (!ActsFor(caller, partner, unit.Id, unit.SubsidiaryId, alliance.LeadSubsidiaryId))
            throw Denied(caller.IsPartner
                ? "A partner posts only for their own unit."
                : "Only administrators and secretaries of the unit's subsidiary (the alliance lead's, for a unit outside the group) post for it.");
    }

    public static void EnsureMayOfferToGroup(CallerScope caller)
    {
        if (caller.IsPartner) throw Denied("Partners offer to their alliances, not to the whole group.");
        caller.EnsureMayPlan("offer a resource to the group");
    }

    public static void EnsureMayOfferFor(CallerScope caller, OrganizationFacts organization)
    {
        if (!ActsFor(caller, null, null, organization.SubsidiaryId, null))
            throw Denied("Only administrators and secretaries of the organization's subsidiary offer for it.");
    }

    public static void EnsureMayChange(CallerScope caller, PartnerUnitFacts? partner, Problem problem)
    {
        if (!MayChange(caller, partner, problem)) throw Denied("Only whoever acts for the problem's unit changes it.");
    }

    public static void EnsureMayChange(CallerScope caller, PartnerUnitFacts? partner, ResourceOffer offer)
    {
        if (!MayChange(caller, partner, offer)) throw Denied("Only whoever acts for the offering unit changes the offer.");
    }

    /// <summary>Proposing, accepting, declining and resolving a match of <paramref name="problem"/> with <paramref name="offer"/>.</summary>
    public static bool MayDecide(CallerScope caller, PartnerUnitFacts? partner, Problem problem, ResourceOffer offer) =>
        caller.IsGroupAdmin
        || caller.Role == Roles.SubsidiaryAdmin && problem.VisibleSubsidiaryIds.Contains(caller.TenantId!.Value)
        || MayChange(caller, partner, problem) || MayChange(caller, partner, offer);

    public static void EnsureMayDecide(CallerScope caller, PartnerUnitFacts? partner, Problem problem, ResourceOffer offer)
    {
        if (!MayDecide(caller, partner, problem, offer))
            throw Denied("Only whoever acts for the problem's unit or the offering unit, or an administrator of the alliance, decides on a match.");
    }

    static void EnsureMaySee(CallerScope caller)
    {
        if (!caller.IsPartner && !caller.MayPlan())
            throw Denied("The problem and resource lists are for administrators, secretaries and partners of the alliances.");
    }

    /// <summary>The alliance's lead and the subsidiaries of its current internal member units.</summary>
    public static List<Guid> SubsidiariesOf(AllianceFacts alliance) =>
        [.. alliance.Members.Where(m => m.Current && m.SubsidiaryId is not null).Select(m => m.SubsidiaryId!.Value)
            .Append(alliance.LeadSubsidiaryId).Distinct().Order()];

    static Grpc.Core.RpcException Denied(string message) => new(new Grpc.Core.Status(Grpc.Core.StatusCode.PermissionDenied, message));

    public static Grpc.Core.RpcException NotFound(string what) => new(new Grpc.Core.Status(Grpc.Core.StatusCode.NotFound, $"The {what} was not found."));
}
