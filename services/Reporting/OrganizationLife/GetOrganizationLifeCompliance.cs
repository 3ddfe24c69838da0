using System.Globalization;
using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting.Common;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.OrganizationLife;

/// <summary>
/// alliance.reporting.v1.JointWorkReports/GetOrganizationLifeCompliance: for every committee, general branch and branch
/// in scope and every rule binding it, its period containing a day (<see cref="ComplianceRule"/>); counts per subsidiary
/// and rule, and one page of organizations, the most overdue first.
/// </summary>
public sealed class GetOrganizationLifeCompliance(ReportingDbContext db, DashboardCache cache, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    // Held activities of the periods' whole span, joined to the organizations they are hosted by and to each rule's kind,
    // subsidiary, types and period: one pass, however many organizations.
    const string HeldSql = """
        WITH r AS MATERIALIZED (
            SELECT r.rule_id, r.starts, r.ends, m.organization_kind, m.subsidiary_id, m.activity_type_ids
            FROM unnest(@rule_ids, @starts, @ends) AS r(rule_id, starts, ends) JOIN meeting_rule_views m ON m.rule_id = r.rule_id)
        SELECT o.organization_id, r.rule_id, count(DISTINCT a.activity_id)::int
        FROM activity_views a
        JOIN activity_host_views h ON h.activity_id = a.activity_id
        JOIN organization_names o ON o.organization_id = h.organization_id AND NOT o.ended
        JOIN r ON r.organization_kind = o.kind AND (r.subsidiary_id IS NULL OR r.subsidiary_id = o.subsidiary_id)
              AND a.type_id = ANY (r.activity_type_ids) AND a.starts_at >= r.starts AND a.starts_at < r.ends
        WHERE a.status = 'held' AND a.starts_at >= @from AND a.starts_at < @to AND (@subsidiary::uuid IS NULL OR o.subsidiary_id = @subsidiary)
        GROUP BY o.organization_id, r.rule_id
        """;

    public async Task<OrganizationLifeCompliance> HandleAsync(GetOrganizationLifeComplianceRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.HasSubsidiaryId ? request.SubsidiaryId : null, required: false);
        var today = clock.GroupToday();
        var on = today;
        if (!string.IsNullOrWhiteSpace(request.On)
            && !DateOnly.TryParseExact(request.On.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out on))
            errors.Add("on", "must be a day as yyyy-MM-dd.");
        if (request.Page < 0) errors.Add("page", "must be 1 or more.");
        if (request.PageSize is < 0 or > MaxPageSize) errors.Add("pageSize", $"must be between 1 and {MaxPageSize}.");
        errors.ThrowIfAny();
        var (page, pageSize) = (Math.Max(request.Page, 1), request.PageSize == 0 ? DefaultPageSize : request.PageSize);
        var ct = context.CancellationToken;
        var subsidiary = await ReportScope.SubsidiaryAsync(caller, request.HasSubsidiaryId ? request.SubsidiaryId : null, db, ct);
        return await cache.GetOrComputeAsync($"organization-life:{subsidiary?.ToString() ?? "all"}:{on:yyyy-MM-dd}:{today:yyyy-MM-dd}:{page}:{pageSize}",
            OrganizationLifeCompliance.Parser, () => ComputeAsync(subsidiary, on, today, page, pageSize, ct));
    }

    async Task<OrganizationLifeCompliance> ComputeAsync(Guid? subsidiary, DateOnly on, DateOnly today, int page, int pageSize, CancellationToken ct)
    {
        var rules = ComplianceRule.PeriodsOn(await db.Set<MeetingRuleView>().AsNoTracking().ToListAsync(ct), on)
            .Where(r => subsidiary is null || r.Rule.SubsidiaryId is null || r.Rule.SubsidiaryId == subsidiary).ToList();
        var organizations = await db.OrganizationNames.AsNoTracking()
            .Where(o => !o.Ended && o.Kind != null && ComplianceRule.BoundKinds.Contains(o.Kind) && (subsidiary == null || o.SubsidiaryId == subsidiary))
            .Select(o => new BranchFacts(o.OrganizationId, o.SubsidiaryId, o.Kind!, o.Name)).ToListAsync(ct);
        var held = rules.Count == 0 ? new Dictionary<(Guid, Guid), int>() : await HeldAsync(rules, subsidiary, ct);

        var states = organizations.Select(o => (Organization: o, Rules: ComplianceRule.StatesOf(o, rules, held, today)))
            .Where(o => o.Rules.Count > 0).ToList();
        var subsidiaryIds = states.Select(s => s.Organization.SubsidiaryId).Distinct().ToList();
        var subsidiaryNames = await db.SubsidiaryCounts.AsNoTracking().Where(s => subsidiaryIds.Contains(s.SubsidiaryId)).ToDictionaryAsync(s => s.SubsidiaryId, s => s.Name, ct);

        var result = new OrganizationLifeCompliance
        {
            On = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Total = Count(states.SelectMany(s => s.Rules)),
            TotalOrganizations = states.Count, Page = page, PageSize = pageSize,
        };
        result.PerSubsidiary.AddRange(states.GroupBy(s => s.Organization.SubsidiaryId)
            .Select(g => new SubsidiaryCompliance
            {
                SubsidiaryId = g.Key.ToString(), Name = subsidiaryNames.GetValueOrDefault(g.Key, ""), Organizations = g.Count(),
                Count = Count(g.SelectMany(s => s.Rules)),
            }).OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.SubsidiaryId, StringComparer.Ordinal));
        result.PerRule.AddRange(rules.Select(r => new RuleCompliance
        {
            RuleId = r.Rule.RuleId.ToString(), NameZh = r.Rule.NameZh, NameEn = r.Rule.NameEn, OrganizationKind = r.Rule.OrganizationKind,
            Period = r.Rule.Period, PeriodKey = r.Period.Key, DueOn = r.Period.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Count = Count(states.SelectMany(s => s.Rules).Where(s => s.Rule == r)),
        }));
        result.Organizations.AddRange(states
            .OrderByDescending(s => s.Rules.Count(r => r.State == ComplianceState.Overdue)).ThenBy(s => s.Organization.Name, StringComparer.Ordinal)
            .ThenBy(s => s.Organization.OrganizationId)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s =>
            {
                var branch = new BranchCompliance
                {
                    OrganizationId = s.Organization.OrganizationId.ToString(), Name = s.Organization.Name,
                    SubsidiaryId = s.Organization.SubsidiaryId.ToString(), Kind = s.Organization.Kind,
                };
                branch.Rules.AddRange(s.Rules.Select(r => new OrganizationRuleState
                {
                    RuleId = r.Rule.Rule.RuleId.ToString(), PeriodKey = r.Rule.Period.Key, State = r.State.Name(), HeldCount = r.HeldCount,
                }));
                return branch;
            }));
        return result;
    }

    static ComplianceCount Count(IEnumerable<BranchRuleState> states)
    {
        var list = states.ToList();
        var done = list.Count(s => s.State == ComplianceState.Done);
        return new ComplianceCount
        {
            Bound = list.Count, Done = done, Due = list.Count(s => s.State == ComplianceState.Due),
            Overdue = list.Count(s => s.State == ComplianceState.Overdue), Rate = ReportScope.Rate(done, list.Count),
        };
    }

    async Task<Dictionary<(Guid, Guid), int>> HeldAsync(IReadOnlyList<RulePeriod> rules, Guid? subsidiary, CancellationToken ct)
    {
        var held = new Dictionary<(Guid, Guid), int>();
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new Npgsql.NpgsqlCommand(HeldSql, connection);
            command.Parameters.Add(new("rule_ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = rules.Select(r => r.Rule.RuleId).ToArray() });
            command.Parameters.Add(new("starts", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = rules.Select(r => r.Period.StartsAt.UtcDateTime).ToArray() });
            command.Parameters.Add(new("ends", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = rules.Select(r => r.Period.EndsAt.UtcDateTime).ToArray() });
            command.Parameters.Add(new("from", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = rules.Min(r => r.Period.StartsAt).UtcDateTime });
            command.Parameters.Add(new("to", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = rules.Max(r => r.Period.EndsAt).UtcDateTime });
            command.Parameters.Add(new("subsidiary", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = subsidiary is { } s ? s : DBNull.Value });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) held[(reader.GetGuid(0), reader.GetGuid(1))] = reader.GetInt32(2);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return held;
    }
}
