using Alliance.Activity.Data;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Notifications;

/// <summary>
/// Posts notifications with one delivery per enabled channel of the recipient subsidiary, added to the caller's
/// DbContext so they commit in its transaction. A notification whose key exists already is left out (the second run of a
/// reminder job, a redelivered event).
/// </summary>
public static class NotificationInbox
{
    /// <returns>The notifications added (not yet saved).</returns>
    public static async Task<IReadOnlyList<Notification>> PostAsync(ActivityDbContext db, IReadOnlyList<Notification> notifications, DateTimeOffset now, CancellationToken ct)
    {
        if (notifications.Count == 0) return [];
        var keys = notifications.Select(n => n.Key).Distinct().ToArray();
        var existing = (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.Key)).Select(n => n.Key).ToListAsync(ct)).ToHashSet();
        var fresh = notifications.Where(n => existing.Add(n.Key)).ToList();
        if (fresh.Count == 0) return [];
        var subsidiaries = fresh.Where(n => n.SubsidiaryId is not null).Select(n => n.SubsidiaryId!.Value).Distinct().ToArray();
        var channels = (await db.NotificationChannels.AsNoTracking().Where(c => c.Enabled && subsidiaries.Contains(c.SubsidiaryId)).ToListAsync(ct))
            .ToLookup(c => c.SubsidiaryId);
        db.Notifications.AddRange(fresh);
        foreach (var notification in fresh.Where(n => n.SubsidiaryId is not null))
            db.Deliveries.AddRange(channels[notification.SubsidiaryId!.Value].Select(c => Delivery.For(notification, c, now)));
        return fresh;
    }
}
