using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Supervision;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Meetings;

/// <summary>
/// Who sees and who changes joint meetings and their decision items, in one place. A group admin: all. Every other role
/// sees the meetings and items of the alliances its subsidiary takes part in now (lead or a current member unit; asked of
/// the organization service) or took part in when the meeting was recorded. Administrators and secretaries of those
/// subsidiaries record and revise meetings and record decision items; members only read. On an item, administrators and
/// secretaries of the owner unit's subsidiary report progress and claim it done, those of the supervising unit's
/// subsidiary verify, reject and cancel it (for a unit outside the group, the subsidiary that recorded the meeting acts
/// for it). The owner unit never verifies its own item. A partner reads the meetings of the alliances their unit is a
/// current member of (the organization service answers which); decision items are not open to partners yet.
/// </summary>
public sealed class MeetingAccess(ActivityDbContext db, IOrganizationDirectory directory)
{
    public async Task<IQueryable<JointMeeting>> VisibleMeetingsAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsGroupAdmin) return db.JointMeetings;
        var alliances = (await directory.AlliancesOfAsync(caller, ct)).ToArray();
        if (caller.IsPartner) return db.JointMeetings.Where(m => alliances.Contains(m.AllianceId));
        var tenant = caller.TenantId!.Value;
        return db.JointMeetings.Where(m => m.VisibleSubsidiaryIds.Contains(tenant) || alliances.Contains(m.AllianceId));
    }

    public async Task<IQueryable<DecisionItem>> VisibleItemsAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsGroupAdmin) return db.DecisionItems;
        var tenant = caller.TenantId!.Value;
        var alliances = (await directory.AlliancesOfAsync(caller, ct)).ToArray();
        return db.DecisionItems.Where(i => i.VisibleSubsidiaryIds.Contains(tenant) || alliances.Contains(i.AllianceId));
    }

    /// <summary>NOT_FOUND when the meeting does not exist or the caller may not see it.</summary>
    public async Task<JointMeeting> FindMeetingAsync(CallerScope caller, Guid id, bool track, CancellationToken ct)
    {
        var query = track ? db.JointMeetings : db.JointMeetings.AsNoTracking();
        var meeting = await query.SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw NotFound("meeting");
        if (caller.IsGroupAdmin || caller.TenantId is { } tenant && meeting.VisibleSubsidiaryIds.Contains(tenant)) return meeting;
        if (await directory.FindAllianceAsync(caller, meeting.AllianceId, ct) is not null) return meeting;
        throw NotFound("meeting");
    }

    /// <summary>NOT_FOUND when the item does not exist or the caller may not see it.</summary>
    public async Task<DecisionItem> FindItemAsync(CallerScope caller, Guid id, bool track, CancellationToken ct)
    {
        var query = track ? db.DecisionItems : db.DecisionItems.AsNoTracking();
        var item = await query.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw NotFound("decision item");
        if (caller.IsGroupAdmin || item.VisibleSubsidiaryIds.Contains(caller.TenantId!.Value)) return item;
        if (await directory.FindAllianceAsync(caller, item.AllianceId, ct) is not null) return item;
        throw NotFound("decision item");
    }

    /// <summary>Recording a meeting of an alliance: its lead's or a current member unit's administrators and secretaries.</summary>
    public static void EnsureMayRecordFor(CallerScope caller, AllianceFacts alliance)
    {
        caller.EnsureMayPlan("record a joint meeting");
        if (caller.IsGroupAdmin) return;
        var tenant = caller.TenantId!.Value;
        if (alliance.LeadSubsidiaryId != tenant && !alliance.Members.Any(m => m.Current && m.SubsidiaryId == tenant))
            throw Denied("Only administrators and secretaries of the alliance's lead or member units may record its meetings.");
    }

    public static bool MayChange(CallerScope caller, JointMeeting meeting) =>
        caller.MayPlan() && (caller.IsGroupAdmin || meeting.IsKeptBy(caller.TenantId!.Value));

    public static void EnsureMayChange(CallerScope caller, JointMeeting meeting)
    {
        caller.EnsureMayPlan("change a joint meeting");
        if (!MayChange(caller, meeting))
            throw Denied("Only administrators and secretaries of the alliance's lead or member units may change its meetings.");
    }

    /// <summary>Acts for the owner unit: reports progress and claims the item done.</summary>
    public static bool MayActForOwner(CallerScope caller, DecisionItem item) =>
        caller.MayPlan() && (caller.IsGroupAdmin || caller.TenantId == (item.OwnerSubsidiaryId ?? item.SubsidiaryId));

    /// <summary>Acts for the supervising unit: verifies, rejects and cancels.</summary>
    public static bool MayActForSupervisor(CallerScope caller, DecisionItem item) =>
        caller.MayPlan() && (caller.IsGroupAdmin || caller.TenantId == (item.SupervisorSubsidiaryId ?? item.SubsidiaryId));

    public static void EnsureMayActForOwner(CallerScope caller, DecisionItem item)
    {
        caller.EnsureMayPlan("report on a decision item");
        if (!MayActForOwner(caller, item))
            throw Denied("Only administrators and secretaries of the owner unit's subsidiary report on the item.");
    }

    /// <summary>PERMISSION_DENIED for others; FAILED_PRECONDITION for the owner unit's side trying to supervise its own item.</summary>
    public static void EnsureMayActForSupervisor(CallerScope caller, DecisionItem item)
    {
        caller.EnsureMayPlan("supervise a decision item");
        if (MayActForSupervisor(caller, item)) return;
        if (MayActForOwner(caller, item))
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "The owner unit cannot verify, reject or cancel its own item; the supervising unit does."));
        throw Denied("Only administrators and secretaries of the supervising unit's subsidiary supervise the item.");
    }

    /// <summary>An alliance's supervision setting: group admins, and administrators and secretaries of its lead's subsidiary.</summary>
    public static bool MayChangeSettings(CallerScope caller, AllianceFacts alliance) =>
        caller.MayPlan() && (caller.IsGroupAdmin || caller.TenantId == alliance.LeadSubsidiaryId);

    public static void EnsureMayChangeSettings(CallerScope caller, AllianceFacts alliance)
    {
        caller.EnsureMayPlan("change an alliance's supervision setting");
        if (!MayChangeSettings(caller, alliance))
            throw Denied("Only administrators and secretaries of the alliance's lead change its supervision setting.");
    }

    static RpcException Denied(string message) => new(new Status(StatusCode.PermissionDenied, message));

    public static RpcException NotFound(string what) => new(new Status(StatusCode.NotFound, $"The {what} was not found."));
}
