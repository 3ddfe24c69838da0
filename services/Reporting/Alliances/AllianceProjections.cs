using Alliance.Contracts.Events;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Alliances;

// Alliance events may arrive in any order and more than once: each one upserts the rows it knows about, and a field
// set by several events keeps the newest (OccurredAt) or the only possible value, so the end state is the same.

public sealed class AllianceFormedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, AllianceFormed>(db)
{
    protected override async Task HandleAsync(AllianceFormed m, ReportingDbContext db, CancellationToken ct)
    {
        await AllianceRows.UpsertNameAsync(db, m.AllianceId, m.TenantId, m.Name, m.OccurredAt, formed: true, ct);
        // The lead unit is the first member; it joins with the alliance and raises no UnitJoinedAlliance of its own.
        await AllianceRows.UpsertJoinedAsync(db, m.LeadMemberUnitId, m.AllianceId, m.LeadOrganizationId, m.TenantId, m.LeadUnitName ?? "", ct);
    }

    protected override Task AfterCommitAsync(AllianceFormed message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class AllianceRevisedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, AllianceRevised>(db)
{
    protected override Task HandleAsync(AllianceRevised m, ReportingDbContext db, CancellationToken ct) =>
        AllianceRows.UpsertNameAsync(db, m.AllianceId, m.TenantId, m.Name, m.OccurredAt, formed: false, ct);

    protected override Task AfterCommitAsync(AllianceRevised message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class UnitJoinedAllianceConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, UnitJoinedAlliance>(db)
{
    protected override Task HandleAsync(UnitJoinedAlliance m, ReportingDbContext db, CancellationToken ct) =>
        AllianceRows.UpsertJoinedAsync(db, m.MemberUnitId, m.AllianceId, m.OrganizationId, m.SubsidiaryId, m.UnitName, ct);

    protected override Task AfterCommitAsync(UnitJoinedAlliance message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class UnitLeftAllianceConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, UnitLeftAlliance>(db)
{
    protected override async Task HandleAsync(UnitLeftAlliance m, ReportingDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO alliance_units (member_unit_id, alliance_id, joined, organization_id, subsidiary_id, name, left_on)
            VALUES ({m.MemberUnitId}, {m.AllianceId}, FALSE, NULL, NULL, '', {m.LeftOn})
            ON CONFLICT (member_unit_id) DO UPDATE SET left_on = EXCLUDED.left_on
            """, ct);
    }

    protected override Task AfterCommitAsync(UnitLeftAlliance message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class RotationScheduledConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, RotationScheduled>(db)
{
    protected override async Task HandleAsync(RotationScheduled m, ReportingDbContext db, CancellationToken ct)
    {
        var order = m.Order.ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO alliance_views (alliance_id, formed, name, lead_subsidiary_id, rotation_order, rotation_starts_on, rotation_period_months, rotation_at)
            VALUES ({m.AllianceId}, FALSE, '', {m.TenantId}, {order}, {m.StartsOn}, {m.PeriodMonths}, {m.OccurredAt})
            ON CONFLICT (alliance_id) DO UPDATE SET
                rotation_order = EXCLUDED.rotation_order,
                rotation_starts_on = EXCLUDED.rotation_starts_on,
                rotation_period_months = EXCLUDED.rotation_period_months,
                rotation_at = EXCLUDED.rotation_at
            WHERE alliance_views.rotation_at IS NULL OR alliance_views.rotation_at < EXCLUDED.rotation_at
            """, ct);
    }

    protected override Task AfterCommitAsync(RotationScheduled message, CancellationToken ct) => cache.InvalidateAsync();
}

static class AllianceRows
{
    public static Task UpsertNameAsync(ReportingDbContext db, Guid allianceId, Guid leadSubsidiaryId, string name, DateTimeOffset at, bool formed, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO alliance_views (alliance_id, formed, name, name_at, lead_subsidiary_id, rotation_order, rotation_period_months)
            VALUES ({allianceId}, {formed}, {name}, {at}, {leadSubsidiaryId}, {Array.Empty<Guid>()}, 0)
            ON CONFLICT (alliance_id) DO UPDATE SET
                formed = alliance_views.formed OR EXCLUDED.formed,
                lead_subsidiary_id = EXCLUDED.lead_subsidiary_id,
                name = CASE WHEN alliance_views.name_at IS NULL OR alliance_views.name_at < EXCLUDED.name_at THEN EXCLUDED.name ELSE alliance_views.name END,
                name_at = GREATEST(alliance_views.name_at, EXCLUDED.name_at)
            """, ct);

    public static Task UpsertJoinedAsync(ReportingDbContext db, Guid memberUnitId, Guid allianceId, Guid? organizationId, Guid? subsidiaryId, string name, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO alliance_units (member_unit_id, alliance_id, joined, organization_id, subsidiary_id, name, left_on)
            VALUES ({memberUnitId}, {allianceId}, TRUE, {organizationId}, {subsidiaryId}, {name}, NULL)
            ON CONFLICT (member_unit_id) DO UPDATE SET
                joined = TRUE,
                organization_id = EXCLUDED.organization_id,
                subsidiary_id = EXCLUDED.subsidiary_id,
                name = CASE WHEN EXCLUDED.name = '' THEN alliance_units.name ELSE EXCLUDED.name END
            """, ct);
}
