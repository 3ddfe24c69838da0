using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Channels = Alliance.ServiceDefaults.Notifications;

namespace Alliance.Activity.Notifications;

/// <summary>Configuration section <c>Notifications:Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Notifications:Delivery";
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    public int BatchSize { get; set; } = 20;
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan FirstBackOff { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxBackOff { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long a claimed delivery is left to its worker before another may take it (a crash mid-send).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>The console's address, for links in e-mails and robot messages; none when empty.</summary>
    public string? ConsoleBaseUrl { get; set; }
}

/// <summary>
/// Sends due deliveries: claims a batch (moving their next attempt past a lease, rows locked with SKIP LOCKED so replicas
/// take different ones), sends each through its channel, and records sent, retrying with back-off, or failed for good.
/// </summary>
public sealed class DeliverySender(ActivityDbContext db, IOptions<DeliveryOptions> options, IOptions<SmtpOptions> smtp,
    IHttpClientFactory http, TimeProvider clock)
{
    const string Claim = """
        UPDATE notification_deliveries SET next_attempt_at = {0}
        WHERE id IN (SELECT id FROM notification_deliveries
                     WHERE state IN ('pending', 'retrying') AND next_attempt_at <= {1}
                     ORDER BY next_attempt_at LIMIT {2} FOR UPDATE SKIP LOCKED)
        RETURNING id AS "Value"
        """;

    /// <returns>How many deliveries were tried.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().ToUniversalTime();
        var claimed = await db.Database.SqlQueryRaw<Guid>(Claim, now + settings.Lease, now, settings.BatchSize).ToListAsync(ct);
        if (claimed.Count == 0) return 0;
        var deliveries = await db.Deliveries.Where(d => claimed.Contains(d.Id)).ToListAsync(ct);
        var notificationIds = deliveries.Select(d => d.NotificationId).Distinct().ToArray();
        var channelIds = deliveries.Select(d => d.ChannelId).Distinct().ToArray();
        var notifications = await db.Notifications.AsNoTracking().Where(n => notificationIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
        var channels = await db.NotificationChannels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var delivery in deliveries)
        {
            try
            {
                await SendAsync(channels[delivery.ChannelId], notifications[delivery.NotificationId], ct);
                delivery.Sent(clock.GetUtcNow());
            }
            catch (DeliveryFailedException e)
            {
                delivery.Failed(e.Message, e.Retryable, settings.MaxAttempts, settings.FirstBackOff, settings.MaxBackOff, clock.GetUtcNow());
            }
            // Saved one by one: what was sent is recorded before the next is tried.
            await db.SaveChangesAsync(ct);
        }
        return deliveries.Count;
    }

    async Task SendAsync(NotificationChannel channel, Notification notification, CancellationToken ct)
    {
        var link = !string.IsNullOrWhiteSpace(options.Value.ConsoleBaseUrl) && notification.Link is { } relative
            ? new Uri(options.Value.ConsoleBaseUrl.TrimEnd('/') + "/" + relative.TrimStart('/')) : null;
        var message = new Channels.Notification(notification.Title, notification.Text, link);
        switch (channel.Kind)
        {
            case ChannelKind.Email:
                if (string.IsNullOrWhiteSpace(smtp.Value.Host))
                    throw new DeliveryFailedException("No SMTP server is configured (Notifications:Smtp:Host).", retryable: true);
                var email = new EmailChannel(smtp.Value);
                foreach (var address in channel.Addresses) await email.SendAsync(address, null, message, ct);
                break;
            default:
                var kind = channel.Kind switch { ChannelKind.WeCom => GroupRobotKind.WeCom, ChannelKind.DingTalk => GroupRobotKind.DingTalk, _ => GroupRobotKind.Feishu };
                await new GroupRobotChannel(http.CreateClient(nameof(GroupRobotChannel)), clock).SendAsync(new GroupRobot(kind, new Uri(channel.Target), channel.Secret), message, ct);
                break;
        }
    }
}

/// <summary>Runs <see cref="DeliverySender"/> every <see cref="DeliveryOptions.PollInterval"/>, and at once again while it finds work.</summary>
public sealed class DeliveryWorker(IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, ILogger<DeliveryWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var tried = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                tried = await scope.ServiceProvider.GetRequiredService<DeliverySender>().RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Notification deliveries failed; trying again at the next poll.");
            }
            if (tried == 0) await Task.Delay(options.Value.PollInterval, stoppingToken);
        }
    }
}
