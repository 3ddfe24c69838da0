using Alliance.Activity.Data;
using Alliance.Contracts;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Bulletins;

/// <summary>
/// Who sees, edits and reviews the monthly bulletin and its nominations (ADR 42), in one place.
/// The group's bulletin: edited and reviewed by group admins. An alliance's: edited by the administrators and secretaries
/// of its lead subsidiary (and group admins), reviewed by its lead subsidiary's administrators (and group admins) — never
/// by the person who submitted it. Published bulletins are read by everyone in the scope (the group's by all, an
/// alliance's by the subsidiaries taking part); drafts only by their editors and reviewers. Nominations: proposed by the
/// administrators and secretaries who take part in the scope, reviewed by the bulletin's reviewers. Partners: refused.
/// </summary>
public sealed class BulletinAccess(ActivityDbContext db, IOrganizationDirectory directory)
{
    public static bool MayEdit(CallerScope caller, Guid? allianceId, Guid? leadSubsidiaryId) =>
        caller.IsGroupAdmin || allianceId is not null && caller.MayPlan() && caller.TenantId == leadSubsidiaryId;

    public static bool MayReview(CallerScope caller, Guid? allianceId, Guid? leadSubsidiaryId) =>
        caller.IsGroupAdmin || allianceId is not null && caller.Role == Roles.SubsidiaryAdmin && caller.TenantId == leadSubsidiaryId;

    public static void EnsureMayEdit(CallerScope caller, Bulletin b)
    {
        if (!MayEdit(caller, b.AllianceId, b.LeadSubsidiaryId)) throw Denied("edit this bulletin");
    }

    public static void EnsureMayReview(CallerScope caller, Guid? allianceId, Guid? leadSubsidiaryId)
    {
        if (!MayReview(caller, allianceId, leadSubsidiaryId)) throw Denied("review here");
    }

    public async Task<IQueryable<Bulletin>> VisibleAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsGroupAdmin) return db.Bulletins;
        var alliances = (await directory.AlliancesOfAsync(caller, ct)).ToArray();
        var tenant = caller.TenantId ?? Guid.Empty;
        var mayEdit = caller.MayPlan();
        return db.Bulletins.Where(b =>
            (b.State == BulletinState.Published && (b.AllianceId == null || alliances.Contains(b.AllianceId.Value)))
            || (mayEdit && b.AllianceId != null && b.LeadSubsidiaryId == tenant));
    }

    public async Task<Bulletin> FindVisibleAsync(CallerScope caller, Guid id, bool track, CancellationToken ct)
    {
        var query = (await VisibleAsync(caller, ct)).Where(b => b.Id == id);
        if (!track) query = query.AsNoTracking();
        return await query.SingleOrDefaultAsync(ct) ?? throw new RpcException(new Status(StatusCode.NotFound, "The bulletin was not found."));
    }

    public async Task<IQueryable<Nomination>> VisibleNominationsAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsGroupAdmin) return db.Nominations;
        var alliances = (await directory.AlliancesOfAsync(caller, ct)).ToArray();
        var tenant = caller.TenantId ?? Guid.Empty;
        return db.Nominations.Where(n => n.SubsidiaryId == tenant || n.LeadSubsidiaryId == tenant
            || (n.State == NominationState.Accepted && (n.AllianceId == null || alliances.Contains(n.AllianceId.Value))));
    }

    static RpcException Denied(string action) => new(new Status(StatusCode.PermissionDenied, $"You may not {action}."));
}
