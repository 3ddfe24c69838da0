using Alliance.Activity.Data;
using Alliance.Activity.Supervision;
using Alliance.ServiceDefaults.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Alliance.Activity.TaskLists;

/// <summary>
/// Flags the measures that passed their due date below 100 %: once per measure and due date, <c>MeasureOverdue</c> is
/// published through the outbox and the measure remembers the day it was flagged. Lists show overdue measures from
/// their figures at any time; the sweep only tells reporting and the notifications. One replica at a time (advisory
/// lock); running it twice in a day publishes nothing more.
/// </summary>
public sealed class MeasureOverdueSweep(ActivityDbContext db, TimeProvider clock)
{
    /// <summary>The advisory lock's key: "overdue!" in ASCII.</summary>
    public const long LockKey = 0x6f76657264756521;
    const int BatchSize = 200;

    /// <returns>How many measures were flagged; null when another replica holds the lock.</returns>
    public async Task<int?> RunAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
        if (!locked) return null;
        var now = clock.GetUtcNow().ToUniversalTime();
        var today = GroupCalendar.DayOf(now);
        var flagged = 0;
        while (true)
        {
            var batch = await db.TaskListMeasures
                .Where(m => m.DueOn < today && m.Progress < 100 && (m.OverdueFlaggedOn == null || m.OverdueFlaggedOn <= m.DueOn))
                .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            var listIds = batch.Select(m => m.TaskListId).Distinct().ToArray();
            var lists = await db.TaskLists.AsNoTracking().Where(l => listIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
            foreach (var measure in batch)
            {
                measure.FlagOverdue(today);
                db.AddIntegrationEvent(TaskListMapping.Overdue(lists[measure.TaskListId], measure, now));
                flagged++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(ct);
        return flagged;
    }
}

/// <summary>Runs <see cref="MeasureOverdueSweep"/> on the supervision sweep's schedule (SupervisionOptions), idle when nothing is overdue.</summary>
public sealed class MeasureOverdueSweepService(IServiceScopeFactory scopes, ServiceDatabase<ActivityDbContext> database, TimeProvider clock,
    IOptions<SupervisionOptions> options, ILogger<MeasureOverdueSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SweepEnabled) return;
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                var pending = await database.ScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM task_list_measures WHERE progress < 100 AND due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date AND (overdue_flagged_on IS NULL OR overdue_flagged_on <= due_on))",
                    stoppingToken);
                if (!pending) continue;
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MeasureOverdueSweep>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The overdue-measure sweep failed; it runs again in {Interval}", options.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
