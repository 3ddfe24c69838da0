namespace Alliance.Activity.Notifications;

/// <summary>
/// A notice in a unit's inbox (the console's bell): a reminder of a meeting due, a notice of one overdue, an escalated
/// decision item. The recipient is a subsidiary (and the organization within it it is about); group-level ones have no
/// subsidiary. Who reads it is <see cref="OrganizationLife.OrganizationLifeAccess"/>'s rule. <see cref="Key"/> makes posting idempotent: the
/// reminder of (branch, rule, period) exists once whatever runs the job or how often.
/// </summary>
public sealed class Notification
{
    public const int MaxTitleLength = 300;
    public const int MaxTextLength = 4_000;

    public Guid Id { get; private set; }
    public string Key { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public Guid? SubsidiaryId { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";
    /// <summary>The console page it is about, relative (e.g. /organization-life/organizations/{id}).</summary>
    public string? Link { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private Notification() { }

    public static Notification Post(string key, string kind, Guid? subsidiaryId, Guid? organizationId, string title, string text, string? link, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), Key = key, Kind = kind, SubsidiaryId = subsidiaryId, OrganizationId = organizationId,
        Title = Truncate(title, MaxTitleLength), Text = Truncate(text, MaxTextLength), Link = link, CreatedAt = now.ToUniversalTime(),
    };

    static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

public static class NotificationKinds
{
    public const string Reminder = "reminder";
    public const string Overdue = "overdue";
    public const string Escalation = "escalation";
}

/// <summary>That a user has read a notification (rows only inserted): the unread count is per user.</summary>
public sealed class NotificationRead
{
    public Guid NotificationId { get; init; }
    public string UserId { get; init; } = "";
    public DateTimeOffset ReadAt { get; init; }
}
