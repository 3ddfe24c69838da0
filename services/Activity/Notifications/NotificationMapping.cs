using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Notifications;

internal static class NotificationMapping
{
    public static C.Notification ToContract(this Notification n, bool read) => new()
    {
        Id = n.Id.ToString(), Kind = n.Kind, SubsidiaryId = n.SubsidiaryId?.ToString() ?? "", OrganizationId = n.OrganizationId?.ToString() ?? "",
        Title = n.Title, Text = n.Text, Link = n.Link ?? "", CreatedAt = Timestamp.FromDateTimeOffset(n.CreatedAt), Read = read,
    };

    /// <summary>The channel as the API shows it: never its secret, a robot's address without its key.</summary>
    public static C.NotificationChannel ToContract(this NotificationChannel c) => new()
    {
        Id = c.Id.ToString(), SubsidiaryId = c.SubsidiaryId.ToString(), Kind = c.Kind.Name(), Name = c.Name, Target = c.ShownTarget,
        HasSecret = c.Secret is not null, Enabled = c.Enabled, Version = c.Version, UpdatedAt = Timestamp.FromDateTimeOffset(c.UpdatedAt), UpdatedBy = c.UpdatedBy,
    };

    public static C.Delivery ToContract(this Delivery d, string notificationTitle, string channelName)
    {
        var delivery = new C.Delivery
        {
            Id = d.Id.ToString(), NotificationId = d.NotificationId.ToString(), NotificationTitle = notificationTitle, ChannelId = d.ChannelId.ToString(),
            ChannelName = channelName, ChannelKind = d.Channel.Name(), SubsidiaryId = d.SubsidiaryId?.ToString() ?? "",
            State = d.State.ToString().ToLowerInvariant(), Attempts = d.Attempts, NextAttemptAt = Timestamp.FromDateTimeOffset(d.NextAttemptAt),
            LastError = d.LastError ?? "", CreatedAt = Timestamp.FromDateTimeOffset(d.CreatedAt), UpdatedAt = Timestamp.FromDateTimeOffset(d.UpdatedAt),
        };
        if (d.SentAt is { } sent) delivery.SentAt = Timestamp.FromDateTimeOffset(sent);
        return delivery;
    }
}
