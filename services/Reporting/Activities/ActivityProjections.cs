using Alliance.Contracts.Events;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Activities;

// Each event of an activity states what it is counted by as it stands after the change, so every one of them can create
// or refresh its row; the latest by time keeps the details, and held or cancelled, once seen, stays. Replays converge.

public sealed class ActivityScheduledConsumer(ReportingDbContext db, DashboardCache cache) : IdempotentConsumer<ReportingDbContext, ActivityScheduled>(db)
{
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(ActivityScheduled m, ReportingDbContext db, CancellationToken ct) =>
        ActivityRows.ApplyAsync(db, new(m.ActivityId, m.TenantId, m.TypeId, m.TypeCode, m.Measure, m.AllianceId, m.PairingId, m.Hosts, m.StartsAt, m.OccurredAt),
            ActivityView.Planned, ct);

    protected override Task AfterCommitAsync(ActivityScheduled message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class ActivityRevisedConsumer(ReportingDbContext db, DashboardCache cache) : IdempotentConsumer<ReportingDbContext, ActivityRevised>(db)
{
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(ActivityRevised m, ReportingDbContext db, CancellationToken ct) =>
        ActivityRows.ApplyAsync(db, new(m.ActivityId, m.TenantId, m.TypeId, m.TypeCode, m.Measure, m.AllianceId, m.PairingId, m.Hosts, m.StartsAt, m.OccurredAt),
            ActivityView.Planned, ct);

    protected override Task AfterCommitAsync(ActivityRevised message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class ActivityHeldConsumer(ReportingDbContext db, DashboardCache cache) : IdempotentConsumer<ReportingDbContext, ActivityHeld>(db)
{
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(ActivityHeld m, ReportingDbContext db, CancellationToken ct) =>
        ActivityRows.ApplyAsync(db, new(m.ActivityId, m.TenantId, m.TypeId, m.TypeCode, m.Measure, m.AllianceId, m.PairingId, m.Hosts, m.StartsAt, m.OccurredAt),
            ActivityView.Held, ct);

    protected override Task AfterCommitAsync(ActivityHeld message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class ActivityCancelledConsumer(ReportingDbContext db, DashboardCache cache) : IdempotentConsumer<ReportingDbContext, ActivityCancelled>(db)
{
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(ActivityCancelled m, ReportingDbContext db, CancellationToken ct) =>
        ActivityRows.ApplyAsync(db, new(m.ActivityId, m.TenantId, m.TypeId, null, m.Measure, m.AllianceId, m.PairingId, m.Hosts, m.StartsAt, m.OccurredAt),
            ActivityView.Cancelled, ct);

    protected override Task AfterCommitAsync(ActivityCancelled message, CancellationToken ct) => cache.InvalidateAsync();
}

/// <summary>What every activity event says about the activity.</summary>
public sealed record ActivityFacts(Guid ActivityId, Guid SubsidiaryId, Guid TypeId, string? TypeCode, string Measure, Guid? AllianceId, Guid? PairingId,
    IReadOnlyList<ActivityHostRef> Hosts, DateTimeOffset StartsAt, DateTimeOffset OccurredAt);

static class ActivityRows
{
    /// <summary>
    /// Inserts the activity, or refreshes its details (and hosts) when this event is not older than the ones they came
    /// from; then, for held or cancelled, sets that status unless it is final already.
    /// </summary>
    public static async Task ApplyAsync(ReportingDbContext db, ActivityFacts f, string status, CancellationToken ct)
    {
        var month = GroupCalendar.DayOf(f.StartsAt) is var day ? new DateOnly(day.Year, day.Month, 1) : default;
        var refreshed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO activity_views (activity_id, subsidiary_id, type_id, type_code, measure, alliance_id, pairing_id, starts_at, month, status, details_at)
            VALUES ({f.ActivityId}, {f.SubsidiaryId}, {f.TypeId}, {f.TypeCode}, {f.Measure}, {f.AllianceId}, {f.PairingId}, {f.StartsAt}, {month}, {status}, {f.OccurredAt})
            ON CONFLICT (activity_id) DO UPDATE SET
                subsidiary_id = EXCLUDED.subsidiary_id, type_id = EXCLUDED.type_id,
                type_code = COALESCE(EXCLUDED.type_code, activity_views.type_code), measure = EXCLUDED.measure,
                alliance_id = EXCLUDED.alliance_id, pairing_id = EXCLUDED.pairing_id, starts_at = EXCLUDED.starts_at,
                month = EXCLUDED.month, details_at = EXCLUDED.details_at
            WHERE activity_views.details_at <= EXCLUDED.details_at
            """, ct);
        if (refreshed > 0)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM activity_host_views WHERE activity_id = {f.ActivityId}", ct);
            for (var i = 0; i < f.Hosts.Count; i++)
            {
                var h = f.Hosts[i];
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO activity_host_views (activity_id, position, organization_id, subsidiary_id, member_unit_id, name, external)
                    VALUES ({f.ActivityId}, {i}, {h.OrganizationId}, {h.SubsidiaryId}, {h.MemberUnitId}, {h.Name}, {h.External})
                    """, ct);
            }
        }
        if (status != ActivityView.Planned)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE activity_views SET status = {status} WHERE activity_id = {f.ActivityId} AND status = {ActivityView.Planned}", ct);
    }
}
