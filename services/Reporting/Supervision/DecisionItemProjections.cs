using Alliance.Contracts.Events;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Supervision;

// The recording gives the owner; every state change gives the state and colour as they became. The latest by time keeps
// the state, and verified or cancelled, once seen, stays; so the events may arrive in any order and more than once.

public sealed class DecisionItemRecordedConsumer(ReportingDbContext db, DashboardCache cache) : IdempotentConsumer<ReportingDbContext, DecisionItemRecorded>(db)
{
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(DecisionItemRecorded m, ReportingDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO decision_item_views (decision_item_id, alliance_id, owner_member_unit_id, owner_organization_id, due_on, state, colour, state_at)
            VALUES ({m.DecisionItemId}, {m.AllianceId}, {m.OwnerMemberUnitId}, {m.OwnerOrganizationId}, {m.DueOn}, 'open', 'green', {m.OccurredAt})
            ON CONFLICT (decision_item_id) DO UPDATE SET
                owner_member_unit_id = EXCLUDED.owner_member_unit_id, owner_organization_id = EXCLUDED.owner_organization_id
            """, ct);

    protected override Task AfterCommitAsync(DecisionItemRecorded message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class DecisionItemStateChangedConsumer(ReportingDbContext db, DashboardCache cache) : IdempotentConsumer<ReportingDbContext, DecisionItemStateChanged>(db)
{
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(DecisionItemStateChanged m, ReportingDbContext db, CancellationToken ct)
    {
        DateOnly? verifiedOn = m.State == DecisionItemView.Verified ? GroupCalendar.DayOf(m.OccurredAt) : null;
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO decision_item_views (decision_item_id, alliance_id, owner_member_unit_id, owner_organization_id, due_on, state, colour, state_at, verified_on)
            VALUES ({m.DecisionItemId}, {m.AllianceId}, NULL, NULL, {m.DueOn}, {m.State}, {m.Colour}, {m.OccurredAt}, {verifiedOn})
            ON CONFLICT (decision_item_id) DO UPDATE SET
                state = EXCLUDED.state, colour = EXCLUDED.colour, state_at = EXCLUDED.state_at, due_on = EXCLUDED.due_on,
                verified_on = EXCLUDED.verified_on
            WHERE decision_item_views.state NOT IN ('verified', 'cancelled')
              AND (decision_item_views.state_at <= EXCLUDED.state_at OR EXCLUDED.state IN ('verified', 'cancelled'))
            """, ct);
    }

    protected override Task AfterCommitAsync(DecisionItemStateChanged message, CancellationToken ct) => cache.InvalidateAsync();
}
