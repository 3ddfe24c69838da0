using Alliance.Activity.Data;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Messaging;

namespace Alliance.Activity.Notifications;

/// <summary>
/// A decision item turned red and was escalated to the alliance's rotating secretary: a notification for the secretary's
/// unit (its subsidiary's inbox, with deliveries through that subsidiary's channels); when the secretary is outside the
/// group, or not named, the group administrators' inbox. Once per event (inbox idempotency and the notification's key).
/// </summary>
public sealed class DecisionItemEscalatedConsumer(ActivityDbContext db, TimeProvider clock)
    : IdempotentConsumer<ActivityDbContext, DecisionItemEscalated>(db)
{
    protected override async Task HandleAsync(DecisionItemEscalated m, ActivityDbContext db, CancellationToken ct)
    {
        var due = m.DueOn.ToString("yyyy-MM-dd");
        var secretary = m.SecretaryName ?? "轮值秘书单位";
        var notification = Notification.Post($"escalation:{m.DecisionItemId}:{m.EventId}", NotificationKinds.Escalation,
            m.SecretarySubsidiaryId, m.SecretaryOrganizationId,
            $"督办事项逾期升级：{m.Title}",
            $"{m.OwnerName} 负责的“{m.Title}”已于 {due} 到期未完成，升级至 {secretary} 督办。\n" +
            $"Decision item \"{m.Title}\" owned by {m.OwnerName} was due on {due} and is escalated to {m.SecretaryName ?? "the rotating secretary"}.",
            $"/meetings/{m.MeetingId}", clock.GetUtcNow());
        await NotificationInbox.PostAsync(db, [notification], clock.GetUtcNow(), ct);
    }
}
