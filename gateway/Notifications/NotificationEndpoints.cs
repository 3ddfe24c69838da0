using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Notifications;

/// <summary>The delivery list's query string.</summary>
public sealed record DeliveryQuery(Guid? SubsidiaryId, string? State, int? Page, int? PageSize);

/// <summary>
/// The notification inbox behind the console's bell (reminders, overdue notices, escalations; read state per user), a
/// subsidiary's delivery channels (e-mail, WeCom, DingTalk, Feishu robots) and the state of every delivery.
/// </summary>
public static class NotificationEndpoints
{
    public const int MaxNameLength = 100;
    public const int MaxTargetLength = 1_000;
    public const int MaxSecretLength = 200;
    public static readonly string[] Kinds = ["email", "wecom", "dingtalk", "feishu"];
    public static readonly string[] DeliveryStates = ["pending", "sent", "retrying", "failed"];

    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/notifications").WithTags("Notifications");
        inbox.MapGet("/", ListNotificationsAsync).WithName("ListNotifications");
        inbox.MapGet("/unread-count", CountUnreadAsync).WithName("CountUnreadNotifications");
        inbox.MapPost("/{id:guid}/read", MarkReadAsync).WithName("MarkNotificationRead");
        inbox.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllNotificationsRead");
        var channels = api.MapGroup("/notification-channels").WithTags("Notifications").RequireAuthorization(Policies.Admin);
        channels.MapGet("/", ListChannelsAsync).WithName("ListNotificationChannels");
        channels.MapPost("/", CreateChannelAsync).WithName("CreateNotificationChannel");
        channels.MapPut("/{id:guid}", ReviseChannelAsync).WithName("ReviseNotificationChannel");
        var deliveries = api.MapGroup("/notification-deliveries").WithTags("Notifications");
        deliveries.MapGet("/", ListDeliveriesAsync).WithName("ListNotificationDeliveries");
        deliveries.MapPost("/{id:guid}/retry", RetryDeliveryAsync).RequireAuthorization(Policies.Admin).WithName("RetryNotificationDelivery");
        return api;
    }

    public static async Task<IResult> ListNotificationsAsync(int? page, int? pageSize, bool? unreadOnly, NotificationService.NotificationServiceClient client, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await client.ListNotificationsAsync(new ListNotificationsRequest { Page = p, PageSize = size, UnreadOnly = unreadOnly ?? false }, cancellationToken: ct);
        return Results.Ok(new NotificationsDto(result.Items.Select(NotificationDto.From).ToList(), result.Total, p, size, result.Unread));
    }

    public static async Task<IResult> CountUnreadAsync(NotificationService.NotificationServiceClient client, CancellationToken ct) =>
        Results.Ok(new UnreadDto((await client.CountUnreadNotificationsAsync(new CountUnreadNotificationsRequest(), cancellationToken: ct)).Unread));

    public static async Task<IResult> MarkReadAsync(Guid id, NotificationService.NotificationServiceClient client, CancellationToken ct) =>
        Results.Ok(new UnreadDto((await client.MarkNotificationReadAsync(new MarkNotificationReadRequest { Id = id.ToString() }, cancellationToken: ct)).Unread));

    public static async Task<IResult> MarkAllReadAsync(NotificationService.NotificationServiceClient client, CancellationToken ct) =>
        Results.Ok(new UnreadDto((await client.MarkAllNotificationsReadAsync(new MarkAllNotificationsReadRequest(), cancellationToken: ct)).Unread));

    public static async Task<IResult> ListChannelsAsync(Guid? subsidiaryId, NotificationDeliveryService.NotificationDeliveryServiceClient client, CancellationToken ct)
    {
        if (subsidiaryId is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["subsidiaryId"] = ["is required."] });
        return Results.Ok((await client.ListNotificationChannelsAsync(new ListNotificationChannelsRequest { SubsidiaryId = subsidiaryId.Value.ToString() }, cancellationToken: ct))
            .Items.Select(ChannelDto.From).ToList());
    }

    public static async Task<IResult> CreateChannelAsync(ChannelBody body, HttpContext http, NotificationDeliveryService.NotificationDeliveryServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.SubsidiaryId is null) errors["subsidiaryId"] = ["is required."];
        if (string.IsNullOrWhiteSpace(body.Kind)) errors["kind"] = ["is required."];
        else if (!Kinds.Contains(body.Kind.Trim().ToLowerInvariant())) errors["kind"] = [$"must be one of: {string.Join(", ", Kinds)}."];
        Validate.Text(errors, "name", body.Name, MaxNameLength);
        Validate.Text(errors, "target", body.Target, MaxTargetLength);
        if (body.Secret is { Length: > MaxSecretLength }) errors["secret"] = [$"must be at most {MaxSecretLength} characters."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.CreateNotificationChannelAsync(new CreateNotificationChannelRequest
        {
            SubsidiaryId = body.SubsidiaryId!.Value.ToString(), Kind = body.Kind!.Trim().ToLowerInvariant(), Name = body.Name!.Trim(), Target = body.Target!.Trim(),
            Secret = body.Secret?.Trim() ?? "", Enabled = body.Enabled ?? true, ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/notification-channels/{created.Id}", ChannelDto.From(created));
    }

    public static async Task<IResult> ReviseChannelAsync(Guid id, ChannelBody body, NotificationDeliveryService.NotificationDeliveryServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "name", body.Name, MaxNameLength);
        if (body.Target is not null) Validate.Text(errors, "target", body.Target, MaxTargetLength);
        if (body.Secret is { Length: > MaxSecretLength }) errors["secret"] = [$"must be at most {MaxSecretLength} characters."];
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new ReviseNotificationChannelRequest
        {
            Id = id.ToString(), Name = body.Name!.Trim(), Enabled = body.Enabled ?? true, ExpectedVersion = body.ExpectedVersion ?? 0,
        };
        if (body.Target is not null) request.Target = body.Target.Trim();
        if (body.Secret is not null) request.Secret = body.Secret.Trim();
        return Results.Ok(ChannelDto.From(await client.ReviseNotificationChannelAsync(request, cancellationToken: ct)));
    }

    public static async Task<IResult> ListDeliveriesAsync([AsParameters] DeliveryQuery query, NotificationDeliveryService.NotificationDeliveryServiceClient client, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(query.State) && !DeliveryStates.Contains(query.State.Trim().ToLowerInvariant()))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [$"must be one of: {string.Join(", ", DeliveryStates)}."] });
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListDeliveriesAsync(new ListDeliveriesRequest
        {
            SubsidiaryId = query.SubsidiaryId?.ToString() ?? "", State = query.State?.Trim().ToLowerInvariant() ?? "", Page = page, PageSize = size,
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<DeliveryDto>(result.Items.Select(DeliveryDto.From).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> RetryDeliveryAsync(Guid id, NotificationDeliveryService.NotificationDeliveryServiceClient client, CancellationToken ct) =>
        Results.Ok(DeliveryDto.From(await client.RetryDeliveryAsync(new RetryDeliveryRequest { Id = id.ToString() }, cancellationToken: ct)));
}
