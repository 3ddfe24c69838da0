namespace Alliance.Activity.Notifications;

/// <summary>Pending (not tried yet, or retried by an administrator), Sent, Retrying (failed, tried again later), Failed (for good).</summary>
public enum DeliveryState { Pending, Sent, Retrying, Failed }

/// <summary>
/// A notification on its way through one channel: written in the same transaction as the notification, sent by
/// <see cref="DeliveryWorker"/> with retries and back-off until sent or failed for good (the last error kept). A worker
/// claims a row by moving its next attempt past a lease; a crash after sending and before marking it sent sends it again
/// once the lease ends: a delivery may arrive twice, never zero times.
/// </summary>
public sealed class Delivery
{
    public const int MaxErrorLength = 2_000;

    public Guid Id { get; private set; }
    public Guid NotificationId { get; private set; }
    public Guid ChannelId { get; private set; }
    public Guid? SubsidiaryId { get; private set; }
    public ChannelKind Channel { get; private set; }
    public DeliveryState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private Delivery() { }

    public static Delivery For(Notification notification, NotificationChannel channel, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), NotificationId = notification.Id, ChannelId = channel.Id, SubsidiaryId = channel.SubsidiaryId,
        Channel = channel.Kind, State = DeliveryState.Pending, NextAttemptAt = now.ToUniversalTime(),
        CreatedAt = now.ToUniversalTime(), UpdatedAt = now.ToUniversalTime(),
    };

    public void Sent(DateTimeOffset now)
    {
        Attempts++;
        State = DeliveryState.Sent;
        SentAt = UpdatedAt = now.ToUniversalTime();
    }

    /// <summary>A failed attempt: tried again after a back-off that doubles, unless it cannot succeed or has had its attempts.</summary>
    public void Failed(string error, bool retryable, int maxAttempts, TimeSpan firstBackOff, TimeSpan maxBackOff, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
        UpdatedAt = now.ToUniversalTime();
        if (!retryable || Attempts >= maxAttempts)
        {
            State = DeliveryState.Failed;
            return;
        }
        State = DeliveryState.Retrying;
        var backOff = TimeSpan.FromTicks(Math.Min(maxBackOff.Ticks, firstBackOff.Ticks * (1L << Math.Min(Attempts - 1, 30))));
        NextAttemptAt = UpdatedAt + backOff;
    }

    /// <summary>An administrator sends a failed delivery again: pending now, with a fresh count of attempts (the last error stays until it is sent).</summary>
    /// <returns>False unless it had failed for good.</returns>
    public bool Retry(DateTimeOffset now)
    {
        if (State != DeliveryState.Failed) return false;
        State = DeliveryState.Pending;
        Attempts = 0;
        NextAttemptAt = UpdatedAt = now.ToUniversalTime();
        return true;
    }
}
