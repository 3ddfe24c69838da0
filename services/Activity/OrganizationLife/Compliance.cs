using Alliance.ServiceDefaults.Time;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Alliance.Activity.OrganizationLife;

/// <summary>Where one rule stands for one organization in one period.</summary>
public sealed record RuleCompliance(MeetingRule Rule, MeetingPeriod Period, ComplianceState State, int HeldCount, DateTimeOffset? LastHeldAt);

/// <summary>An organization with the state of every rule that binds it.</summary>
public sealed record OrganizationCompliance(OrganizationFacts Organization, IReadOnlyList<RuleCompliance> Rules)
{
    public int Count(ComplianceState state) => Rules.Count(r => r.State == state);
}

/// <summary>
/// Organization life from the activities recorded: for every organization and every rule binding it, the held activities
/// of a counting type that the organization hosts and that start within the rule's period. One set-based statement for
/// all of them (organizations and periods passed as arrays), not a query per organization: a 5,000-branch subsidiary is
/// one round trip, organizations without any held activity simply have no row.
/// </summary>
public sealed class Compliance(ActivityDbContext db)
{
    // The span's held activities first, by their start (the starts_at index), with their hosts, materialized: the
    // period's rows only, however long the organizations' history. Then hash joins to the organizations and to each
    // rule's kind, types and period. (Joining the organizations to their hosts first made the planner walk every
    // organization's whole history, one probe per organization and rule: docs/BENCHMARKS.md.)
    const string Sql = """
        WITH o AS MATERIALIZED (
            SELECT * FROM unnest(@organization_ids, @organization_kinds, @subsidiary_ids) AS o(id, kind, subsidiary_id)),
        r AS MATERIALIZED (
            SELECT r.rule_id, r.starts, r.ends, m.organization_kind, m.subsidiary_id, m.activity_type_ids
            FROM unnest(@rule_ids, @starts, @ends) AS r(rule_id, starts, ends) JOIN meeting_rules m ON m.id = r.rule_id),
        held AS MATERIALIZED (
            SELECT h.organization_id, a.type_id, a.starts_at
            FROM activities a JOIN activity_hosts h ON h.activity_id = a.id
            WHERE a.status = 'held' AND a.starts_at >= @from AND a.starts_at < @to AND h.organization_id IS NOT NULL)
        SELECT o.id, r.rule_id, count(*)::int, max(held.starts_at)
        FROM held
        JOIN o ON o.id = held.organization_id
        JOIN r ON r.organization_kind = o.kind AND (r.subsidiary_id IS NULL OR r.subsidiary_id = o.subsidiary_id)
              AND held.type_id = ANY (r.activity_type_ids) AND held.starts_at >= r.starts AND held.starts_at < r.ends
        GROUP BY o.id, r.rule_id
        """;

    /// <param name="periodOf">The period each rule is looked at in (e.g. the one containing a day, or the one before).</param>
    /// <param name="today">The group's today: a period not done is due until its last day, then overdue.</param>
    public async Task<IReadOnlyList<OrganizationCompliance>> OfAsync(IReadOnlyList<OrganizationFacts> organizations,
        Func<MeetingRule, MeetingPeriod> periodOf, DateOnly today, CancellationToken ct)
    {
        var bound = organizations.Where(o => o.Kind is not null && o.Active).ToList();
        var kinds = bound.Select(o => o.Kind!.Value).Distinct().ToList();
        var rules = (await db.MeetingRules.AsNoTracking().Where(r => !r.Retired).ToListAsync(ct))
            .Where(r => kinds.Contains(r.OrganizationKind)).OrderBy(r => r.OrganizationKind).ThenBy(r => r.Period).ThenBy(r => r.NameZh).ToList();
        if (bound.Count == 0 || rules.Count == 0) return bound.Select(o => new OrganizationCompliance(o, [])).ToList();
        var periods = rules.ToDictionary(r => r.Id, periodOf);

        var held = new Dictionary<(Guid Organization, Guid Rule), (int Count, DateTimeOffset? Last)>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(Sql, connection);
            command.Parameters.Add(new NpgsqlParameter("organization_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = bound.Select(o => o.Id).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("organization_kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = bound.Select(o => o.Kind!.Value.Name()).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("subsidiary_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = bound.Select(o => o.SubsidiaryId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("rule_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rules.Select(r => r.Id).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("starts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rules.Select(r => periods[r.Id].StartsAt.UtcDateTime).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("ends", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rules.Select(r => periods[r.Id].EndsAt.UtcDateTime).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = periods.Values.Min(p => p.StartsAt).UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = periods.Values.Max(p => p.EndsAt).UtcDateTime });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                held[(reader.GetGuid(0), reader.GetGuid(1))] = (reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return bound.Select(o => new OrganizationCompliance(o, rules.Where(r => r.Binds(o.Kind!.Value, o.SubsidiaryId)).Select(r =>
        {
            var (count, last) = held.GetValueOrDefault((o.Id, r.Id));
            var period = periods[r.Id];
            return new RuleCompliance(r, period, period.StateOn(today, count > 0), count, last);
        }).ToList())).ToList();
    }
}
