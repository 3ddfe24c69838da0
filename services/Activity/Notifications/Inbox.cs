using Alliance.Activity.Data;
using Alliance.Activity.OrganizationLife;
using Alliance.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Notifications;

/// <summary>The caller's inbox: the notifications they may read, and which of them they have not read yet.</summary>
public sealed class Inbox(ActivityDbContext db)
{
    public IQueryable<Notification> Visible(CallerScope caller) => OrganizationLifeAccess.Visible(db.Notifications.AsNoTracking(), caller);

    public IQueryable<Notification> Unread(CallerScope caller)
    {
        var user = Reader(caller);
        return Visible(caller).Where(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == user));
    }

    public Task<int> UnreadCountAsync(CallerScope caller, CancellationToken ct) => Unread(caller).CountAsync(ct);

    /// <summary>Read state is kept per user id (per role when a caller has none).</summary>
    public static string Reader(CallerScope caller) => caller.UserId ?? $"role:{caller.Role}:{caller.TenantId}";
}
