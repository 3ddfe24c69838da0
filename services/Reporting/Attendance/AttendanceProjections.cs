using Alliance.Contracts.Events;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Attendance;

// An invitation's row is its expected count and whether it is withdrawn; a withdrawal, once seen, stays. A check-in is
// one row by its id. Each effect converges on replay, so the consumers keep no inbox rows. The activity's month,
// alliance and hosts come from the activity's own events (activity_views, activity_host_views).

public sealed class ParticipantInvitedConsumer(ReportingDbContext db, DashboardCache cache) : IdempotentConsumer<ReportingDbContext, ParticipantInvited>(db)
{
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(ParticipantInvited m, ReportingDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO invitation_views (participant_id, activity_id, expected_count, withdrawn)
            VALUES ({m.ParticipantId}, {m.ActivityId}, {m.ExpectedCount}, FALSE)
            ON CONFLICT (participant_id) DO UPDATE SET expected_count = EXCLUDED.expected_count
            """, ct);

    protected override Task AfterCommitAsync(ParticipantInvited message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class InvitationWithdrawnConsumer(ReportingDbContext db, DashboardCache cache) : IdempotentConsumer<ReportingDbContext, InvitationWithdrawn>(db)
{
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(InvitationWithdrawn m, ReportingDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO invitation_views (participant_id, activity_id, expected_count, withdrawn)
            VALUES ({m.ParticipantId}, {m.ActivityId}, {m.ExpectedCount}, TRUE)
            ON CONFLICT (participant_id) DO UPDATE SET withdrawn = TRUE
            """, ct);

    protected override Task AfterCommitAsync(InvitationWithdrawn message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class ParticipantCheckedInConsumer(ReportingDbContext db, DashboardCache cache) : IdempotentConsumer<ReportingDbContext, ParticipantCheckedIn>(db)
{
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(ParticipantCheckedIn m, ReportingDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO check_in_views (check_in_id, activity_id, organization_id, subsidiary_id)
            VALUES ({m.CheckInId}, {m.ActivityId}, {m.OrganizationId}, {m.SubsidiaryId})
            ON CONFLICT (check_in_id) DO NOTHING
            """, ct);

    protected override Task AfterCommitAsync(ParticipantCheckedIn message, CancellationToken ct) => cache.InvalidateAsync();
}
