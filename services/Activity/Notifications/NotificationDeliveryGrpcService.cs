using Alliance.ServiceDefaults.Notifications;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Notifications;

/// <summary>alliance.activity.v1.NotificationDeliveryService: a subsidiary's channels and the state of every delivery.</summary>
public sealed class NotificationDeliveryGrpcService : C.NotificationDeliveryService.NotificationDeliveryServiceBase
{
    public override Task<C.ListNotificationChannelsResponse> ListNotificationChannels(C.ListNotificationChannelsRequest request, ServerCallContext context) =>
        Handler<ListNotificationChannels>(context).HandleAsync(request, context);

    public override Task<C.NotificationChannel> CreateNotificationChannel(C.CreateNotificationChannelRequest request, ServerCallContext context) =>
        Handler<CreateNotificationChannel>(context).HandleAsync(request, context);

    public override Task<C.NotificationChannel> ReviseNotificationChannel(C.ReviseNotificationChannelRequest request, ServerCallContext context) =>
        Handler<ReviseNotificationChannel>(context).HandleAsync(request, context);

    public override Task<C.ListDeliveriesResponse> ListDeliveries(C.ListDeliveriesRequest request, ServerCallContext context) =>
        Handler<ListDeliveries>(context).HandleAsync(request, context);

    public override Task<C.Delivery> RetryDelivery(C.RetryDeliveryRequest request, ServerCallContext context) =>
        Handler<RetryDelivery>(context).HandleAsync(request, context);

    /// <summary>The handlers, the sender with its channels' settings, and the worker.</summary>
    internal static void AddHandlers(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ListNotificationChannels>();
        services.AddScoped<CreateNotificationChannel>();
        services.AddScoped<ReviseNotificationChannel>();
        services.AddScoped<ListDeliveries>();
        services.AddScoped<RetryDelivery>();
        services.Configure<DeliveryOptions>(builder.Configuration.GetSection(DeliveryOptions.SectionName));
        services.Configure<SmtpOptions>(builder.Configuration.GetSection("Notifications:Smtp"));
        services.AddHttpClient(nameof(GroupRobotChannel), http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<DeliverySender>();
        services.AddHostedService<DeliveryWorker>();
    }
}
