using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Notifications;

/// <summary>The caller's notifications, newest first, a page at a time, each with whether the caller has read it.</summary>
public sealed class ListNotifications(ActivityDbContext db, Inbox inbox)
{
    public async Task<C.ListNotificationsResponse> HandleAsync(C.ListNotificationsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var user = Inbox.Reader(caller);
        var query = request.UnreadOnly ? inbox.Unread(caller) : inbox.Visible(caller);
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(n => new { Notification = n, Read = db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == user) })
            .ToListAsync(ct);
        var response = new C.ListNotificationsResponse { Total = await query.CountAsync(ct), Unread = await inbox.UnreadCountAsync(caller, ct) };
        response.Items.AddRange(items.Select(i => i.Notification.ToContract(i.Read)));
        return response;
    }
}
