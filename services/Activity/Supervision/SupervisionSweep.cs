using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Contracts;
using Alliance.ServiceDefaults.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Alliance.Activity.Supervision;

/// <summary>
/// The daily recolouring of the decision items still supervised: each item's colour for today, a change recorded in its
/// history with <c>DecisionItemStateChanged</c>; a red item not yet escalated in this red spell is escalated to the
/// alliance's rotating secretary of today (asked of the organization service under the service's own identity, ADR 34),
/// recorded in its history with <c>DecisionItemEscalated</c>. One replica at a time: the run holds a PostgreSQL advisory
/// lock for its transaction; another replica that finds it taken skips the run. Running it twice in a day changes nothing.
/// </summary>
public sealed class SupervisionSweep(ActivityDbContext db, IOrganizationDirectory directory, TimeProvider clock, SupervisionSettings settings,
    ILogger<SupervisionSweep> logger)
{
    /// <summary>The advisory lock's key: "supervis" in ASCII.</summary>
    public const long LockKey = 0x7375706572766973;
    const int BatchSize = 200;

    /// <summary>The identity the sweep asks the organization service under: a group-level service caller (ADR 34).</summary>
    public static readonly CallerScope ServiceIdentity = new(Roles.GroupAdmin, null, "service:activity-supervision");

    static readonly Actor System = new("system:supervision", "system");

    /// <returns>How many items changed colour or were escalated; null when another replica holds the lock.</returns>
    public async Task<int?> RunAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
        if (!locked) return null;
        var now = clock.GetUtcNow().ToUniversalTime();
        var today = GroupCalendar.DayOf(now);
        var allianceSettings = await settings.AllianceSettingsAsync(ct);
        var alliances = new Dictionary<Guid, AllianceFacts?>();
        var changed = 0;
        Guid? after = null;
        while (true)
        {
            var query = db.DecisionItems.Where(i => i.State != DecisionItemState.Verified && i.State != DecisionItemState.Cancelled);
            if (after is { } last) query = query.Where(i => i.Id.CompareTo(last) > 0);
            var batch = await query.OrderBy(i => i.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var item in batch)
            {
                var (fromState, fromColour) = (item.State, item.Colour);
                var touched = false;
                if (item.Recolour(allianceSettings.GetValueOrDefault(item.AllianceId, settings.GroupDefault), System, now))
                {
                    db.AddIntegrationEvent(DecisionItemMapping.StateChanged(item, fromState, fromColour, null, now));
                    touched = true;
                }
                if (item.AwaitsEscalation)
                {
                    if (!alliances.TryGetValue(item.AllianceId, out var alliance))
                        alliances[item.AllianceId] = alliance = await directory.FindAllianceAsync(ServiceIdentity, item.AllianceId, ct);
                    var secretary = alliance?.RotatingSecretaryOn(today);
                    item.Escalate(secretary?.Name ?? "", System, now);
                    db.AddIntegrationEvent(DecisionItemMapping.Escalated(item, secretary, now));
                    touched = true;
                }
                if (touched)
                {
                    db.AddRange(item.Entries);
                    changed++;
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            after = batch[^1].Id;
        }
        await transaction.CommitAsync(ct);
        if (changed > 0) logger.LogInformation("Supervision sweep of {Day}: {Changed} decision items recoloured or escalated", today, changed);
        return changed;
    }
}

/// <summary>
/// Runs <see cref="SupervisionSweep"/> every <see cref="SupervisionOptions.SweepInterval"/> on the service's clock. An idle
/// service stays idle: the sweep opens a DbContext only when a plain query finds an item still supervised (ADR 18).
/// </summary>
public sealed class SupervisionSweepService(IServiceScopeFactory scopes, ServiceDatabase<ActivityDbContext> database, TimeProvider clock,
    IOptions<SupervisionOptions> options, ILogger<SupervisionSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SweepEnabled) return;
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                var supervised = await database.ScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM decision_items WHERE state NOT IN ('verified', 'cancelled'))",
                    stoppingToken);
                if (!supervised) continue;
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SupervisionSweep>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The supervision sweep failed; it runs again in {Interval}", options.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
