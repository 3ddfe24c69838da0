using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Grpc.Core;

namespace Alliance.Activity.Notifications;

/// <summary>The ways a subsidiary's notifications leave the console: e-mail, or a WeCom, DingTalk or Feishu group robot.</summary>
public enum ChannelKind { Email, WeCom, DingTalk, Feishu }

public static class ChannelKinds
{
    public static string Name(this ChannelKind kind) => kind.ToString().ToLowerInvariant();

    public static ChannelKind? FromName(string? name) =>
        Enum.TryParse<ChannelKind>(name?.Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _) ? kind : null;
}

/// <summary>
/// Where a subsidiary's notifications are delivered besides the inbox: e-mail to a list of addresses (through the
/// service's SMTP server, Notifications:Smtp), or a group robot's webhook with its signing secret. The secret is stored
/// and used, never returned (only whether there is one). Every delivery of a notification posted while a channel is
/// enabled is written with the notification.
/// </summary>
public sealed class NotificationChannel
{
    public const int MaxNameLength = 100;
    public const int MaxTargetLength = 1_000;
    public const int MaxSecretLength = 200;
    public const int MaxAddresses = 20;

    public Guid Id { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public ChannelKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>E-mail: addresses separated by commas; a robot: its webhook URL.</summary>
    public string Target { get; private set; } = "";
    public string? Secret { get; private set; }
    public bool Enabled { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    private NotificationChannel() { }

    public static NotificationChannel Create(Guid subsidiaryId, ChannelKind kind, string name, string target, string? secret, bool enabled, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        var channel = new NotificationChannel { Id = Guid.CreateVersion7(now), SubsidiaryId = subsidiaryId, Kind = kind, CreatedAt = now, CreatedBy = by.UserName, Version = 1 };
        channel.Apply(name, target, secret, keepSecret: false, enabled, by, now);
        return channel;
    }

    /// <param name="target">The new target; null keeps it (a robot's address is never shown whole).</param>
    /// <param name="secret">The new secret; null keeps the one stored (the console never has it), "" removes it.</param>
    public void Revise(string name, string? target, string? secret, bool enabled, Actor by, DateTimeOffset now)
    {
        Apply(name, target ?? Target, secret, keepSecret: secret is null, enabled, by, now.ToUniversalTime());
        Version++;
    }

    void Apply(string name, string target, string? secret, bool keepSecret, bool enabled, Actor by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name)) throw Invalid("name", "is required.");
        Target = CheckTarget(Kind, target);
        Name = name.Trim();
        if (!keepSecret) Secret = string.IsNullOrWhiteSpace(secret) ? null : secret.Trim();
        if (Secret is not null && Kind is ChannelKind.Email or ChannelKind.WeCom)
            throw Invalid("secret", "only DingTalk and Feishu robots sign with a secret (WeCom's key is in its webhook address).");
        Enabled = enabled;
        UpdatedAt = now;
        UpdatedBy = by.UserName;
    }

    /// <summary>The target as shown: a robot's webhook without its query values (WeCom's key is one).</summary>
    public string ShownTarget
    {
        get
        {
            if (Kind == ChannelKind.Email || !Uri.TryCreate(Target, UriKind.Absolute, out var uri) || uri.Query.Length == 0) return Target;
            var query = string.Join("&", uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=')[0] + "=***"));
            return $"{uri.GetLeftPart(UriPartial.Path)}?{query}";
        }
    }

    public IReadOnlyList<string> Addresses => Kind == ChannelKind.Email
        ? Target.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    static string CheckTarget(ChannelKind kind, string target)
    {
        if (string.IsNullOrWhiteSpace(target)) throw Invalid("target", "is required.");
        target = target.Trim();
        if (target.Length > MaxTargetLength) throw Invalid("target", $"must be at most {MaxTargetLength} characters.");
        if (kind == ChannelKind.Email)
        {
            var addresses = target.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (addresses.Length == 0 || addresses.Length > MaxAddresses)
                throw Invalid("target", $"give 1 to {MaxAddresses} e-mail addresses separated by commas.");
            foreach (var address in addresses)
                if (!MimeKit.MailboxAddress.TryParse(address, out var mailbox) || !mailbox.Address.Contains('@'))
                    throw Invalid("target", $"'{address}' is not an e-mail address.");
            return string.Join(", ", addresses);
        }
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw Invalid("target", "must be the robot's webhook address (https://...).");
        return target;
    }

    static ActivityRuleException Invalid(string field, string message) => new(field, message, StatusCode.InvalidArgument);
}
