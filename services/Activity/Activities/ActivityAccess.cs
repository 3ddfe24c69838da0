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

    public static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The activity was not found."));
}
