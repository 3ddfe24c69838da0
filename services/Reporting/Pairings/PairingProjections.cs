using Alliance.Contracts.Events;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Pairings;

public sealed class PairingSignedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, PairingSigned>(db)
{
    protected override Task HandleAsync(PairingSigned m, ReportingDbContext db, CancellationToken ct) =>
        PairingRows.UpsertAgreementAsync(db, m.PairingId, m.TenantId, m.PartnerSubsidiaryId, 1, m.Title, m.ExpiresOn, ct);

    protected override Task AfterCommitAsync(PairingSigned message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class PairingRenewedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, PairingRenewed>(db)
{
    protected override Task HandleAsync(PairingRenewed m, ReportingDbContext db, CancellationToken ct) =>
        PairingRows.UpsertAgreementAsync(db, m.PairingId, m.TenantId, m.PartnerSubsidiaryId, m.AgreementSequence, m.Title, m.ExpiresOn, ct);

    protected override Task AfterCommitAsync(PairingRenewed message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class PairingEndedConsumer(ReportingDbContext db, DashboardCache cache)
    : IdempotentConsumer<ReportingDbContext, PairingEnded>(db)
{
    protected override async Task HandleAsync(PairingEnded m, ReportingDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO pairing_views (pairing_id, subsidiary_id, partner_subsidiary_id, agreement_sequence, title, expires_on, ended_on)
            VALUES ({m.PairingId}, {m.TenantId}, {m.PartnerSubsidiaryId}, 0, '', NULL, {m.EndedOn})
            ON CONFLICT (pairing_id) DO UPDATE SET
                ended_on = LEAST(pairing_views.ended_on, EXCLUDED.ended_on),
                partner_subsidiary_id = COALESCE(pairing_views.partner_subsidiary_id, EXCLUDED.partner_subsidiary_id)
            """, ct);
    }

    protected override Task AfterCommitAsync(PairingEnded message, CancellationToken ct) => cache.InvalidateAsync();
}

static class PairingRows
{
    /// <summary>
    /// Keeps the terms of the agreement with the highest sequence, whichever order they arrive in. The partner subsidiary
    /// never changes, so whichever event brings it first sets it.
    /// </summary>
    public static Task UpsertAgreementAsync(ReportingDbContext db, Guid pairingId, Guid subsidiaryId, Guid? partnerSubsidiaryId, int sequence, string title,
        DateOnly expiresOn, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO pairing_views (pairing_id, subsidiary_id, partner_subsidiary_id, agreement_sequence, title, expires_on, ended_on)
            VALUES ({pairingId}, {subsidiaryId}, {partnerSubsidiaryId}, {sequence}, {title}, {expiresOn}, NULL)
            ON CONFLICT (pairing_id) DO UPDATE SET
                agreement_sequence = GREATEST(pairing_views.agreement_sequence, EXCLUDED.agreement_sequence),
                title = CASE WHEN pairing_views.agreement_sequence < EXCLUDED.agreement_sequence THEN EXCLUDED.title ELSE pairing_views.title END,
                expires_on = CASE WHEN pairing_views.agreement_sequence < EXCLUDED.agreement_sequence THEN EXCLUDED.expires_on ELSE pairing_views.expires_on END,
                partner_subsidiary_id = COALESCE(pairing_views.partner_subsidiary_id, EXCLUDED.partner_subsidiary_id)
            """, ct);
}
