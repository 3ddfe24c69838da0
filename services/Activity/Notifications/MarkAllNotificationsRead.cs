using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Notifications;

/// <summary>The caller has read everything in their inbox: one INSERT ... SELECT of the unread ones.</summary>
public sealed class MarkAllNotificationsRead(ActivityDbContext db, Inbox inbox, TimeProvider clock)
{
    public async Task<C.UnreadNotifications> HandleAsync(C.MarkAllNotificationsReadRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var user = Inbox.Reader(caller);
        var now = clock.GetUtcNow().ToUniversalTime();
        var scope = OrganizationLife.OrganizationLifeAccess.NotificationsOf(caller);
        if (scope.Everything)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO notification_reads (notification_id, user_id, read_at) SELECT n.id, {user}, {now} FROM notifications n ON CONFLICT DO NOTHING", ct);
        else if (scope.SubsidiaryId is { } subsidiary)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO notification_reads (notification_id, user_id, read_at) SELECT n.id, {user}, {now} FROM notifications n WHERE n.subsidiary_id = {subsidiary} ON CONFLICT DO NOTHING", ct);
        return new C.UnreadNotifications { Unread = await inbox.UnreadCountAsync(caller, ct) };
    }
}
