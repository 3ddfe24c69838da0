using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;

namespace Alliance.Gateway.Notifications;

public sealed record NotificationDto(Guid Id, string Kind, Guid? SubsidiaryId, Guid? OrganizationId, string Title, string Text, string? Link,
    DateTimeOffset CreatedAt, bool Read)
{
    public static NotificationDto From(Notification n) => new(Guid.Parse(n.Id), n.Kind, OptionalId(n.SubsidiaryId), OptionalId(n.OrganizationId), n.Title, n.Text,
        n.Link.Length == 0 ? null : n.Link, ActivityTimes.InGroupTime(n.CreatedAt.ToDateTimeOffset()), n.Read);

    internal static Guid? OptionalId(string value) => value.Length == 0 ? null : Guid.Parse(value);
}

public sealed record NotificationsDto(IReadOnlyList<NotificationDto> Items, int Total, int Page, int PageSize, int Unread);
public sealed record UnreadDto(int Unread);

/// <summary>A channel as a client gives it. On revision a missing target or secret is kept; an empty secret removes it.</summary>
public sealed record ChannelBody(Guid? SubsidiaryId, string? Kind, string? Name, string? Target, string? Secret, bool? Enabled, long? ExpectedVersion);

/// <summary>A channel as shown: never its secret (only whether it has one), a robot's webhook with its key masked.</summary>
public sealed record ChannelDto(Guid Id, Guid SubsidiaryId, string Kind, string Name, string Target, bool HasSecret, bool Enabled, long Version,
    DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static ChannelDto From(NotificationChannel c) => new(Guid.Parse(c.Id), Guid.Parse(c.SubsidiaryId), c.Kind, c.Name, c.Target, c.HasSecret,
        c.Enabled, c.Version, ActivityTimes.InGroupTime(c.UpdatedAt.ToDateTimeOffset()), c.UpdatedBy);
}

public sealed record DeliveryDto(Guid Id, Guid NotificationId, string NotificationTitle, Guid ChannelId, string ChannelName, string ChannelKind,
    Guid? SubsidiaryId, string State, int Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset? SentAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static DeliveryDto From(Delivery d) => new(Guid.Parse(d.Id), Guid.Parse(d.NotificationId), d.NotificationTitle, Guid.Parse(d.ChannelId),
        d.ChannelName, d.ChannelKind, NotificationDto.OptionalId(d.SubsidiaryId), d.State, d.Attempts, ActivityTimes.InGroupTime(d.NextAttemptAt.ToDateTimeOffset()),
        d.LastError.Length == 0 ? null : d.LastError, d.SentAt is null ? null : ActivityTimes.InGroupTime(d.SentAt.ToDateTimeOffset()),
        ActivityTimes.InGroupTime(d.CreatedAt.ToDateTimeOffset()), ActivityTimes.InGroupTime(d.UpdatedAt.ToDateTimeOffset()));
}
