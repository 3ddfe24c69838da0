using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Notifications;

/// <summary>alliance.activity.v1.NotificationService: the inbox behind the console's bell.</summary>
public sealed class NotificationGrpcService : C.NotificationService.NotificationServiceBase
{
    public override Task<C.ListNotificationsResponse> ListNotifications(C.ListNotificationsRequest request, ServerCallContext context) =>
        Handler<ListNotifications>(context).HandleAsync(request, context);

    public override Task<C.UnreadNotifications> CountUnreadNotifications(C.CountUnreadNotificationsRequest request, ServerCallContext context) =>
        Handler<CountUnreadNotifications>(context).HandleAsync(request, context);

    public override Task<C.UnreadNotifications> MarkNotificationRead(C.MarkNotificationReadRequest request, ServerCallContext context) =>
        Handler<MarkNotificationRead>(context).HandleAsync(request, context);

    public override Task<C.UnreadNotifications> MarkAllNotificationsRead(C.MarkAllNotificationsReadRequest request, ServerCallContext context) =>
        Handler<MarkAllNotificationsRead>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<Inbox>();
        services.AddScoped<ListNotifications>();
        services.AddScoped<CountUnreadNotifications>();
        services.AddScoped<MarkNotificationRead>();
        services.AddScoped<MarkAllNotificationsRead>();
    }
}
