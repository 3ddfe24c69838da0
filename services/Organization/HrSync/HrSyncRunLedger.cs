using System.Collections.Concurrent;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Organization.HrSync;

/// <summary>
/// The counters of sync runs, kept by single SQL statements that add to them, so concurrent writers (SCIM requests
/// of one day, batches) never lose a count and never fail on the run's row.
/// </summary>
public sealed class HrSyncRunLedger(OrganizationDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Daily runs already found, by database, subsidiary, source and day: a run row is never deleted, so its id can be
    /// reused by every later write of that day (a SCIM create then skips two round trips). Entries of other days are
    /// dropped when a new day's run is first found; a run found inside a transaction is not kept (it may roll back).
    /// </summary>
    static readonly ConcurrentDictionary<(string Database, Guid Tenant, string Source, DateOnly Day), Guid> KnownDailyRuns = new();
    const int MaxKnownDailyRuns = 10_000;

    /// <summary>The rolling run of a source for the subsidiary and today's group day, created on first use.</summary>
    public async Task<Guid> DailyRunAsync(Guid tenant, string source, CancellationToken ct)
    {
        var day = clock.GroupToday();
        var key = (db.Database.GetDbConnection().Database, tenant, source, day);
        if (KnownDailyRuns.TryGetValue(key, out var known)) return known;
        var id = await FindOrStartDailyRunAsync(tenant, source, day, ct);
        if (db.Database.CurrentTransaction is not null) return id; // the row is not committed yet: not known until it is
        if (KnownDailyRuns.Count >= MaxKnownDailyRuns) KnownDailyRuns.Clear();
        foreach (var other in KnownDailyRuns.Keys)
            if (other.Day != day) KnownDailyRuns.TryRemove(other, out _);
        KnownDailyRuns[key] = id;
        return id;
    }

    async Task<Guid> FindOrStartDailyRunAsync(Guid tenant, string source, DateOnly day, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var run = HrSyncRun.Start(tenant, source, 0, source, now, day);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO hr_sync_runs (id, subsidiary_id, source, day, started_at, finished_at, status, total, processed, created, updated,
                deactivated, unchanged, stale, conflicts, errors, error_messages, started_by, version)
            VALUES ({run.Id}, {tenant}, {source}, {day}, {now}, {now}, {run.Status}, 0, 0, 0, 0, 0, 0, 0, 0, 0, {Array.Empty<string>()}, {source}, 1)
            ON CONFLICT (subsidiary_id, source, day) WHERE day IS NOT NULL DO NOTHING
            """, ct);
        return await db.Set<HrSyncRun>().Where(r => r.SubsidiaryId == tenant && r.Source == source && r.Day == day).Select(r => r.Id).SingleAsync(ct);
    }

    /// <summary>Adds the outcomes (and at most the run's bound of error messages) to the run.</summary>
    public async Task CountAsync(Guid runId, IReadOnlyCollection<HrApplyOutcome> outcomes, IReadOnlyCollection<string> errors, CancellationToken ct)
    {
        int Of(HrApplyOutcome o) => outcomes.Count(x => x == o);
        var conflicts = Of(HrApplyOutcome.Conflict);
        var messages = errors.Select(e => e.Length > HrSyncRun.MaxErrorLength ? e[..HrSyncRun.MaxErrorLength] : e).Take(HrSyncRun.MaxErrors).ToArray();
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE hr_sync_runs SET processed = processed + {outcomes.Count}, created = created + {Of(HrApplyOutcome.Created)},
                updated = updated + {Of(HrApplyOutcome.Updated)}, deactivated = deactivated + {Of(HrApplyOutcome.Deactivated) + conflicts},
                unchanged = unchanged + {Of(HrApplyOutcome.Unchanged)}, stale = stale + {Of(HrApplyOutcome.Stale)},
                conflicts = conflicts + {conflicts}, errors = errors + {Of(HrApplyOutcome.Error)},
                error_messages = (error_messages || {messages})[1:{HrSyncRun.MaxErrors}],
                finished_at = CASE WHEN day IS NULL THEN finished_at ELSE {now} END, version = version + 1
            WHERE id = {runId}
            """, ct);
    }
}
