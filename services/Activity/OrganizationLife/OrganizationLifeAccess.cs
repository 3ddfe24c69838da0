using Alliance.Activity.Common;
using Alliance.Activity.Notifications;
using Alliance.Contracts;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;

namespace Alliance.Activity.OrganizationLife;

/// <summary>
/// Who sees and who changes organization life and its notifications, in one place (ADR 33):
/// <list type="bullet">
/// <item>Meeting rules: everyone reads the group's rules and their own subsidiary's; a group administrator changes any,
/// a subsidiary administrator those of their own subsidiary (added on top of the group's).</item>
/// <item>Boards: of an organization the caller may see (the organization service decides, ADR 27), and over a
/// subsidiary the caller belongs to (a group administrator: any).</item>
/// <item>Notifications and deliveries: group administrators read all; subsidiary administrators and secretaries those of
/// their subsidiary; members have none.</item>
/// <item>Channels and retrying a delivery: group administrators for any subsidiary, subsidiary administrators for their own.</item>
/// </list>
/// </summary>
public sealed class OrganizationLifeAccess(IOrganizationDirectory directory)
{
    public static bool MaySeeRule(CallerScope caller, MeetingRule rule) =>
        caller.IsGroupAdmin || rule.SubsidiaryId is null || rule.SubsidiaryId == caller.TenantId;

    /// <summary>Checks the caller may add or change a rule of <paramref name="subsidiaryId"/> (null: the group's).</summary>
    public static void EnsureMayAdministerRules(CallerScope caller, Guid? subsidiaryId)
    {
        if (caller.IsGroupAdmin) return;
        if (caller.Role != Roles.SubsidiaryAdmin)
            throw Denied("Only a group administrator, or a subsidiary administrator for their subsidiary, may change meeting rules.");
        if (subsidiaryId != caller.TenantId)
            throw Denied("A subsidiary administrator changes only the rules of their own subsidiary; the group's rules are the group administrators'.");
    }

    /// <summary>The organization, if the caller may see it (NOT_FOUND otherwise).</summary>
    public async Task<OrganizationFacts> FindOrganizationAsync(CallerScope caller, Guid id, CancellationToken ct) =>
        await directory.FindOrganizationAsync(caller, id, ct)
        ?? throw new RpcException(new Status(StatusCode.NotFound, "The organization was not found."));

    public static void EnsureMaySeeSubsidiary(CallerScope caller, Guid subsidiaryId) => caller.EnsureCanAccess(subsidiaryId, "The subsidiary");

    /// <summary>Whose notifications the caller reads: everyone's (null), one subsidiary's, or none (empty).</summary>
    public static NotificationScope NotificationsOf(CallerScope caller) =>
        caller.IsGroupAdmin ? NotificationScope.All
        : caller.Role is Roles.SubsidiaryAdmin or Roles.Secretary ? NotificationScope.Of(caller.TenantId!.Value)
        : NotificationScope.None;

    public static IQueryable<Notification> Visible(IQueryable<Notification> notifications, CallerScope caller) => NotificationsOf(caller) switch
    {
        { Everything: true } => notifications,
        { SubsidiaryId: { } subsidiary } => notifications.Where(n => n.SubsidiaryId == subsidiary),
        _ => notifications.Where(n => false),
    };

    public static IQueryable<Delivery> Visible(IQueryable<Delivery> deliveries, CallerScope caller) => NotificationsOf(caller) switch
    {
        { Everything: true } => deliveries,
        { SubsidiaryId: { } subsidiary } => deliveries.Where(d => d.SubsidiaryId == subsidiary),
        _ => deliveries.Where(d => false),
    };

    /// <summary>Checks the caller may set up the channels of a subsidiary and retry its deliveries.</summary>
    public static void EnsureMayAdministerChannels(CallerScope caller, Guid subsidiaryId)
    {
        if (caller.IsGroupAdmin) return;
        if (caller.Role != Roles.SubsidiaryAdmin)
            throw Denied("Only a group administrator, or a subsidiary administrator for their subsidiary, may set up notification channels and retry deliveries.");
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
    }

    static RpcException Denied(string message) => new(new Status(StatusCode.PermissionDenied, message));
}

/// <summary>All notifications, one subsidiary's, or none.</summary>
public readonly record struct NotificationScope(bool Everything, Guid? SubsidiaryId)
{
    public static NotificationScope All => new(true, null);
    public static NotificationScope None => new(false, null);
    public static NotificationScope Of(Guid subsidiaryId) => new(false, subsidiaryId);
}
