using Alliance.Contracts.Events;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.OrganizationLife;

// Each event carries the whole rule with its version: the highest version wins, so replays and any order converge.

public sealed class MeetingRuleCreatedConsumer(ReportingDbContext db, DashboardCache cache) : IdempotentConsumer<ReportingDbContext, MeetingRuleCreated>(db)
{
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(MeetingRuleCreated m, ReportingDbContext db, CancellationToken ct) =>
        MeetingRuleRows.ApplyAsync(db, m.RuleId, m.SubsidiaryId, m.OrganizationKind, m.NameZh, m.NameEn, m.Period, m.ActivityTypeIds, m.Retired, m.Version, ct);

    protected override Task AfterCommitAsync(MeetingRuleCreated message, CancellationToken ct) => cache.InvalidateAsync();
}

public sealed class MeetingRuleRevisedConsumer(ReportingDbContext db, DashboardCache cache) : IdempotentConsumer<ReportingDbContext, MeetingRuleRevised>(db)
{
    protected override bool ConvergesOnReplay => true;

    protected override Task HandleAsync(MeetingRuleRevised m, ReportingDbContext db, CancellationToken ct) =>
        MeetingRuleRows.ApplyAsync(db, m.RuleId, m.SubsidiaryId, m.OrganizationKind, m.NameZh, m.NameEn, m.Period, m.ActivityTypeIds, m.Retired, m.Version, ct);

    protected override Task AfterCommitAsync(MeetingRuleRevised message, CancellationToken ct) => cache.InvalidateAsync();
}

static class MeetingRuleRows
{
    public static Task ApplyAsync(ReportingDbContext db, Guid ruleId, Guid? subsidiaryId, string kind, string nameZh, string nameEn, string period,
        IReadOnlyList<Guid> types, bool retired, long version, CancellationToken ct)
    {
        Guid[] typeIds = [.. types];
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO meeting_rule_views (rule_id, subsidiary_id, organization_kind, name_zh, name_en, period, activity_type_ids, retired, version)
            VALUES ({ruleId}, {subsidiaryId}, {kind}, {nameZh}, {nameEn}, {period}, {typeIds}, {retired}, {version})
            ON CONFLICT (rule_id) DO UPDATE SET
                subsidiary_id = EXCLUDED.subsidiary_id, organization_kind = EXCLUDED.organization_kind, name_zh = EXCLUDED.name_zh,
                name_en = EXCLUDED.name_en, period = EXCLUDED.period, activity_type_ids = EXCLUDED.activity_type_ids,
                retired = EXCLUDED.retired, version = EXCLUDED.version
            WHERE meeting_rule_views.version < EXCLUDED.version
            """, ct);
    }
}
