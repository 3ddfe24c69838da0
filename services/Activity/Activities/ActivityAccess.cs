using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Activities;

/// <summary>
/// Who sees and who changes an activity. A group admin: all. Every other role: the activities its subsidiary hosts or
/// is a side of the pairing of, and those of the alliances it takes part in now (lead, or a current member unit; asked of
/// the organization service). A partner: the activities of the alliances their unit is a current member of (the
/// organization service answers which, for the partner). Administrators and secretaries of a host's subsidiary change it;
/// members and partners only read.
/// The same rules decide attendance (ADR 32): whoever changes an activity invites and withdraws, and is shown the venue's
/// check-in code; whoever sees it sees its participants and attendance and may check in. Calendar feed links are made by
/// administrators and secretaries for an organization or alliance they see, and revoked by those of the same subsidiary.
/// </summary>
public sealed class ActivityAccess(ActivityDbContext db, IOrganizationDirectory directory)
{
    public async Task<IQueryable<Activity>> VisibleAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsGroupAdmin) return db.Activities;
        var alliances = (await directory.AlliancesOfAsync(caller, ct)).ToArray();
        if (caller.IsPartner) return db.Activities.Where(a => a.AllianceId != null && alliances.Contains(a.AllianceId.Value));
        var tenant = caller.TenantId!.Value;
        return db.Activities.Where(a => a.VisibleSubsidiaryIds.Contains(tenant) || (a.AllianceId != null && alliances.Contains(a.AllianceId.Value)));
    }

    /// <summary>The activity with its hosts, tracked; NOT_FOUND when it does not exist or the caller may not see it.</summary>
    public async Task<Activity> FindVisibleAsync(CallerScope caller, Guid id, bool track, CancellationToken ct)
    {
        var query = db.Activities.Include(a => a.Hosts).AsQueryable();
        if (!track) query = query.AsNoTracking();
        var activity = await query.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound();
        if (caller.IsGroupAdmin || caller.TenantId is { } tenant && activity.VisibleSubsidiaryIds.Contains(tenant)) return activity;
        if (activity.AllianceId is { } alliance && await directory.FindAllianceAsync(caller, alliance, ct) is not null) return activity;
        throw NotFound();
    }

    public static bool MayChange(CallerScope caller, Activity activity) =>
        caller.MayPlan() && (caller.IsGroupAdmin || caller.TenantId is { } tenant && activity.IsHostedBy(tenant));

    public static void EnsureMayChange(CallerScope caller, Activity activity)
    {
        caller.EnsureMayPlan("change an activity");
        if (!MayChange(caller, activity))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only administrators and secretaries of a host's subsidiary may change the activity."));
    }

    /// <summary>Who may show the venue's check-in code: the activity's changers.</summary>
    public static void EnsureMayShowCheckInCode(CallerScope caller, Activity activity)
    {
        if (!MayChange(caller, activity))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only administrators and secretaries of a host's subsidiary are shown the check-in code."));
    }

    /// <summary>
    /// Everyone who sees an activity may check in at it (with the code, or as an invited person). A partner sees the
    /// activities of their unit's alliances and checks in as themselves, for their unit: with the code, or without one
    /// when their unit is invited (<see cref="IsInvited"/>).
    /// </summary>
    public static void EnsureMayCheckIn(CallerScope caller, Activity activity)
    {
        if (caller.UserId is null or "")
            throw new RpcException(new Status(StatusCode.PermissionDenied, "A check-in needs a signed-in user."));
    }

    /// <summary>Whether an open invitation names the partner's unit (its member unit in the activity's alliance).</summary>
    public static bool IsInvited(PartnerUnitFacts partner, IEnumerable<Attendance.Participant> invitations) =>
        invitations.Any(p => p.Kind == Attendance.ParticipantKind.MemberUnit && p.MemberUnitId is { } unit && partner.MemberUnitIds.Contains(unit));

    public static void EnsureMayMakeCalendarFeeds(CallerScope caller) => caller.EnsureMayPlan("make or revoke calendar feed links");

    /// <summary>The calendar feed links a caller lists and revokes: a group admin all, others their subsidiary's.</summary>
    public static bool MayManageCalendarFeed(CallerScope caller, Guid? feedSubsidiaryId) =>
        caller.MayPlan() && (caller.IsGroupAdmin || feedSubsidiaryId == caller.TenantId);

    public static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The activity was not found."));
}
