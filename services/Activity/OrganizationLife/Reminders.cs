using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Notifications;
using Alliance.Contracts;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Alliance.Activity.OrganizationLife;

/// <summary>Configuration section <c>OrganizationLife:Reminders</c>.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "OrganizationLife:Reminders";
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Posts organization-life reminders: for every organization and rule not done in the current period, a reminder once the
/// due date is at most the rule's <see cref="MeetingRule.RemindDaysBefore"/> days away; for every rule not done in the
/// period just ended, an overdue notice. One run at a time over all replicas (a transaction-scoped advisory lock; a
/// replica that does not get it skips the run), and idempotent per (organization, rule, period, kind) by the
/// notification's unique key, so running again, or on two replicas, posts nothing twice.
/// </summary>
public sealed class Reminders(ActivityDbContext db, IOrganizationDirectory directory, Compliance compliance, TimeProvider clock)
{
    /// <summary>The advisory lock's key: any number the activity database uses for nothing else.</summary>
    public const long LockKey = 7_201_000_33;

    /// <summary>The job asks the organization service as a group administrator of its own name.</summary>
    static readonly CallerScope Job = new(Roles.GroupAdmin, null, "organization-life-reminders");

    /// <returns>The notifications posted, or null when another replica holds the lock.</returns>
    public async Task<int?> RunOnceAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock({0}) AS \"Value\"", LockKey).SingleAsync(ct);
        if (!locked) return null;
        var now = clock.GetUtcNow();
        var today = clock.GroupToday();
        var organizations = new List<OrganizationFacts>();
        foreach (var subsidiary in await directory.SubsidiariesAsync(Job, ct))
            organizations.AddRange(await directory.OrganizationsOfAsync(Job, subsidiary, null, ct));

        var notices = new List<Notification>();
        foreach (var organization in await compliance.OfAsync(organizations, r => MeetingPeriod.Containing(r.Period, today), today, ct))
            foreach (var rule in organization.Rules.Where(r => r.State == ComplianceState.Due && r.Period.DueOn.DayNumber - today.DayNumber <= r.Rule.RemindDaysBefore))
                notices.Add(Notice(NotificationKinds.Reminder, organization.Organization, rule, now));
        foreach (var organization in await compliance.OfAsync(organizations, r => MeetingPeriod.Containing(r.Period, today).Previous(), today, ct))
            foreach (var rule in organization.Rules.Where(r => r.State == ComplianceState.Overdue))
                notices.Add(Notice(NotificationKinds.Overdue, organization.Organization, rule, now));

        var posted = await NotificationInbox.PostAsync(db, notices, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return posted.Count;
    }

    static Notification Notice(string kind, OrganizationFacts organization, RuleCompliance rule, DateTimeOffset now)
    {
        var due = rule.Period.DueOn.ToString("yyyy-MM-dd");
        var (title, text) = kind == NotificationKinds.Reminder
            ? ($"{organization.Name}：{rule.Rule.NameZh}（{rule.Period.Key}）待召开，{due} 到期",
               $"{organization.Name} 本期（{rule.Period.Key}）尚未召开{rule.Rule.NameZh}，截止 {due}。\n{organization.Name}: {rule.Rule.NameEn} for {rule.Period.Key} is due on {due} and not held yet.")
            : ($"{organization.Name}：{rule.Rule.NameZh}（{rule.Period.Key}）已逾期",
               $"{organization.Name} 在 {rule.Period.Key} 未召开{rule.Rule.NameZh}（截止 {due}）。\n{organization.Name}: {rule.Rule.NameEn} for {rule.Period.Key} was due on {due} and was not held.");
        return Notification.Post($"{kind}:{organization.Id}:{rule.Rule.Id}:{rule.Period.Key}", kind, organization.SubsidiaryId, organization.Id,
            title, text, $"/organization-life/organizations/{organization.Id}", now);
    }
}

/// <summary>Runs <see cref="Reminders"/> every <see cref="ReminderOptions.Interval"/>; a failed run is logged and tried at the next.</summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, ILogger<ReminderJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var posted = await scope.ServiceProvider.GetRequiredService<Reminders>().RunOnceAsync(stoppingToken);
                if (posted > 0) log.LogInformation("Organization-life reminders: {Count} notifications posted.", posted);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Organization-life reminders failed; trying again at the next run.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
