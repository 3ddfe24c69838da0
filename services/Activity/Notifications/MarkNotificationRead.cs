using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Notifications;

/// <summary>The caller has read one notification (again: no change); NOT_FOUND for one they may not read.</summary>
public sealed class MarkNotificationRead(ActivityDbContext db, Inbox inbox, TimeProvider clock)
{
    public async Task<C.UnreadNotifications> HandleAsync(C.MarkNotificationReadRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var id = Guid.Parse(request.Id);
        if (!await inbox.Visible(caller).AnyAsync(n => n.Id == id, ct))
            throw new RpcException(new Status(StatusCode.NotFound, "The notification was not found."));
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO notification_reads (notification_id, user_id, read_at) VALUES ({id}, {Inbox.Reader(caller)}, {clock.GetUtcNow().ToUniversalTime()}) ON CONFLICT DO NOTHING", ct);
        return new C.UnreadNotifications { Unread = await inbox.UnreadCountAsync(caller, ct) };
    }
}
