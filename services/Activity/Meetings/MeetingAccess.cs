using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Supervision;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Meetings;

/// <summary>
/// Who sees and who changes joint meetings and their decision items, in one place. A group admin: all. Every other role
/// sees the meetings and items of the alliances its subsidiary takes part in now (lead or a current member unit; asked of
/// the organization service) or took part in when the meeting was recorded. Administrators and secretaries of those
/// subsidiaries record and revise meetings and record decision items; members only read. On an item, administrators and
/// secretaries of the owner unit's subsidiary report progress and claim it done, those of the supervising unit's
/// subsidiary verify, reject and cancel it (for a unit outside the group, the subsidiary that recorded the meeting acts
/// for it). The owner unit never verifies its own item. A partner reads the meetings of the alliances their unit is a
/// current member of (the organization service answers which), without the names of the group's people on them, and only
/// their own decision items: those whose owner is their unit's member unit (<see cref="PartnerUnits"/>). On those they
/// report progress and claim done; everyone else's items do not exist for them (NOT_FOUND), and they never supervise.
/// </summary>
public sealed class MeetingAccess(ActivityDbContext db, IOrganizationDirectory directory, PartnerUnits partners)
{
    public async Task<IQueryable<JointMeeting>> VisibleMeetingsAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsGroupAdmin) return db.JointMeetings;
        var alliances = (await directory.AlliancesOfAsync(caller, ct)).ToArray();
        if (caller.IsPartner) return db.JointMeetings.Where(m => alliances.Contains(m.AllianceId));
        var tenant = caller.TenantId!.Value;
        return db.JointMeetings.Where(m => m.VisibleSubsidiaryIds.Contains(tenant) || alliances.Contains(m.AllianceId));
    }

    public async Task<IQueryable<DecisionItem>> VisibleItemsAsync(CallerScope caller, CancellationToken ct) =>
        (await ItemSightAsync(caller, ct)).Items;

    /// <summary>
    /// The decision items in the caller's sight, with a name for that sight: callers with the same name see the same items
    /// and the same rights on them (role, subsidiary and alliances), so a board computed for one serves them all (ADR 44).
    /// No name for a partner (their sight is their unit's items).
    /// </summary>
    public async Task<ItemSight> ItemSightAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsGroupAdmin) return new(db.DecisionItems, "group");
        if (caller.IsPartner)
        {
            var unit = await partners.OfAsync(caller, ct);
            var (owners, ofAlliances) = (unit?.MemberUnitIds.ToArray() ?? [], unit?.AllianceIds.ToArray() ?? []);
            return new(db.DecisionItems.Where(i => owners.Contains(i.OwnerMemberUnitId) && ofAlliances.Contains(i.AllianceId)), null);
        }
        var tenant = caller.TenantId!.Value;
        var alliances = (await directory.AlliancesOfAsync(caller, ct)).Order().ToArray();
        return new(db.DecisionItems.Where(i => i.VisibleSubsidiaryIds.Contains(tenant) || alliances.Contains(i.AllianceId)),
            $"{caller.Role}:{tenant}:{string.Join(',', alliances)}");
    }

    public sealed record ItemSight(IQueryable<DecisionItem> Items, string? Name);

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
        if (caller.IsPartner)
            return await partners.OfAsync(caller, ct) is { } unit && unit.MemberUnitIds.Contains(item.OwnerMemberUnitId) && unit.AllianceIds.Contains(item.AllianceId)
                ? item : throw NotFound("decision item");
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

    /// <summary>
    /// Acts for the owner unit: reports progress and claims the item done. A partner holds no item but their unit's own
    /// (<see cref="FindItemAsync"/> and <see cref="VisibleItemsAsync"/> let no other through), so they act for its owner.
    /// </summary>
    public static bool MayActForOwner(CallerScope caller, DecisionItem item) =>
        caller.IsPartner || caller.MayPlan() && (caller.IsGroupAdmin || caller.TenantId == (item.OwnerSubsidiaryId ?? item.SubsidiaryId));

    /// <summary>Acts for the supervising unit: verifies, rejects and cancels.</summary>
    public static bool MayActForSupervisor(CallerScope caller, DecisionItem item) =>
        caller.MayPlan() && (caller.IsGroupAdmin || caller.TenantId == (item.SupervisorSubsidiaryId ?? item.SubsidiaryId));

    public static void EnsureMayActForOwner(CallerScope caller, DecisionItem item)
    {
        if (caller.IsPartner) return;
        caller.EnsureMayPlan("report on a decision item");
        if (!MayActForOwner(caller, item))
            throw Denied("Only administrators and secretaries of the owner unit's subsidiary report on the item.");
    }

    /// <summary>PERMISSION_DENIED for others (partners included); FAILED_PRECONDITION for the owner unit's side trying to supervise its own item.</summary>
    public static void EnsureMayActForSupervisor(CallerScope caller, DecisionItem item)
    {
        if (caller.IsPartner) throw Denied("The supervising unit verifies, rejects and cancels an item; partners report on their own.");
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

    /// <summary>
    /// The decision items counted on a meeting for the caller: all of them, but for a partner only their own, so a
    /// meeting's count does not tell a partner about other units' items.
    /// </summary>
    public async Task<IQueryable<DecisionItem>> CountedItemsAsync(CallerScope caller, CancellationToken ct) =>
        caller.IsPartner ? await VisibleItemsAsync(caller, ct) : db.DecisionItems;

    /// <summary>
    /// What a partner is shown of a meeting: its attendee units, but not the group's people (the people named for internal
    /// units, and who recorded or revised it); an external unit's people are shown.
    /// </summary>
    public static C.JointMeeting Shown(CallerScope caller, C.JointMeeting meeting)
    {
        if (!caller.IsPartner) return meeting;
        foreach (var attendee in meeting.Attendees.Where(a => !a.External)) attendee.People.Clear();
        meeting.CreatedBy = "";
        meeting.UpdatedBy = "";
        return meeting;
    }

    /// <summary>What a partner is shown of their item: not who of the group recorded or last changed it.</summary>
    public static C.DecisionItem Shown(CallerScope caller, C.DecisionItem item)
    {
        if (!caller.IsPartner) return item;
        item.CreatedBy = "";
        if (item.UpdatedBy != caller.UserId) item.UpdatedBy = "";
        return item;
    }

    /// <summary>What a partner is shown of their item's history: who acted only when it was a partner (the role otherwise).</summary>
    public static C.DecisionItemEntry Shown(CallerScope caller, C.DecisionItemEntry entry)
    {
        if (caller.IsPartner && entry.ByRole != Contracts.Roles.Partner) entry.By = "";
        return entry;
    }

    static RpcException Denied(string message) => new(new Status(StatusCode.PermissionDenied, message));

    public static RpcException NotFound(string what) => new(new Status(StatusCode.NotFound, $"The {what} was not found."));
}
