using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Notifications;

/// <summary>The bell's number: the caller's notifications they have not read.</summary>
public sealed class CountUnreadNotifications(Inbox inbox)
{
    public async Task<C.UnreadNotifications> HandleAsync(C.CountUnreadNotificationsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        return new C.UnreadNotifications { Unread = await inbox.UnreadCountAsync(caller, context.CancellationToken) };
    }
}
