using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting.Common;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Attendance;

/// <summary>
/// How many of the people invited checked in (ADR 37): for each held activity that invited anyone, the people its open
/// invitations expect and its check-ins (at most as many as it invited: someone who walks in uninvited does not lift the
/// rate above one); summed per month, alliance, host subsidiary and host organization. Activities that invited no one
/// have no rate: they are left out and counted apart.
/// </summary>
public static class AttendanceRule
{
    /// <summary>The check-ins an activity counts with: its check-ins, at most its invited.</summary>
    public static int CountedCheckIns(int invited, int checkedIn) => Math.Min(Math.Max(checkedIn, 0), Math.Max(invited, 0));

    public static AttendanceRate Sum(string key, string name, IEnumerable<ActivityAttendance> activities)
    {
        var counted = activities.Where(a => a.Invited > 0).ToList();
        var invited = counted.Sum(a => a.Invited);
        var checkedIn = counted.Sum(a => CountedCheckIns(a.Invited, a.CheckedIn));
        return new AttendanceRate { Key = key, Name = name, Activities = counted.Count, Invited = invited, CheckedIn = checkedIn, Rate = ReportScope.Rate(checkedIn, invited) };
    }
}

/// <summary>One held activity's invited and checked-in people.</summary>
public sealed record ActivityAttendance(Guid ActivityId, DateOnly Month, Guid? AllianceId, DateTimeOffset StartsAt, int Invited, int CheckedIn);

/// <summary>alliance.reporting.v1.JointWorkReports/GetAttendanceRates.</summary>
public sealed class GetAttendanceRates(ReportingDbContext db, DashboardCache cache, TimeProvider clock)
{
    const int TopOrganizations = 20;
    const int LatestActivities = 50;

    public async Task<AttendanceRates> HandleAsync(GetAttendanceRatesRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.HasSubsidiaryId ? request.SubsidiaryId : null, required: false);
        var months = ReportMonths.Read(errors, request.FromMonth, request.ToMonth, clock.GroupToday());
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var subsidiary = await ReportScope.SubsidiaryAsync(caller, request.HasSubsidiaryId ? request.SubsidiaryId : null, db, ct);
        return await cache.GetOrComputeAsync($"attendance:{subsidiary?.ToString() ?? "all"}:{months.FromKey}:{months.ToKey}", AttendanceRates.Parser,
            () => ComputeAsync(subsidiary, months, ct));
    }

    sealed class Row
    {
        public Guid ActivityId { get; set; }
        public DateOnly Month { get; set; }
        public Guid? AllianceId { get; set; }
        public DateTimeOffset StartsAt { get; set; }
        public int Invited { get; set; }
        public int CheckedIn { get; set; }
    }

    sealed class HostRow
    {
        public Guid ActivityId { get; set; }
        public Guid? OrganizationId { get; set; }
        public Guid? SubsidiaryId { get; set; }
        public string Name { get; set; } = "";
    }

    async Task<AttendanceRates> ComputeAsync(Guid? subsidiary, ReportMonths months, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT v.activity_id AS "ActivityId", v.month AS "Month", v.alliance_id AS "AllianceId", v.starts_at AS "StartsAt",
                   i.invited AS "Invited", c.checked_in AS "CheckedIn"
            FROM activity_views v
            CROSS JOIN LATERAL (SELECT coalesce(sum(expected_count), 0)::int AS invited FROM invitation_views
                                WHERE activity_id = v.activity_id AND NOT withdrawn) i
            CROSS JOIN LATERAL (SELECT count(*)::int AS checked_in FROM check_in_views WHERE activity_id = v.activity_id) c
            WHERE v.month >= {months.From} AND v.month <= {months.To} AND v.status = 'held'
              AND ({subsidiary}::uuid IS NULL OR EXISTS (
                  SELECT 1 FROM activity_host_views h WHERE h.activity_id = v.activity_id AND h.subsidiary_id = {subsidiary}))
            """).ToListAsync(ct);
        var activities = rows.Select(r => new ActivityAttendance(r.ActivityId, r.Month, r.AllianceId, r.StartsAt, r.Invited, r.CheckedIn)).ToList();
        var invited = activities.Where(a => a.Invited > 0).ToList();
        var ids = invited.Select(a => a.ActivityId).ToArray();
        var hosts = ids.Length == 0 ? [] : await db.Database.SqlQuery<HostRow>($"""
            SELECT activity_id AS "ActivityId", organization_id AS "OrganizationId", subsidiary_id AS "SubsidiaryId", name AS "Name"
            FROM activity_host_views WHERE activity_id = ANY ({ids}) ORDER BY activity_id, position
            """).ToListAsync(ct);
        var byId = invited.ToDictionary(a => a.ActivityId);

        var allianceIds = invited.Where(a => a.AllianceId is not null).Select(a => a.AllianceId!.Value).Distinct().ToList();
        var allianceNames = await db.Alliances.AsNoTracking().Where(a => allianceIds.Contains(a.AllianceId)).ToDictionaryAsync(a => a.AllianceId, a => a.Name, ct);
        var subsidiaryIds = hosts.Where(h => h.SubsidiaryId is not null).Select(h => h.SubsidiaryId!.Value).Distinct().ToList();
        var subsidiaryNames = await db.SubsidiaryCounts.AsNoTracking().Where(s => subsidiaryIds.Contains(s.SubsidiaryId)).ToDictionaryAsync(s => s.SubsidiaryId, s => s.Name, ct);
        var organizationIds = hosts.Where(h => h.OrganizationId is not null).Select(h => h.OrganizationId!.Value).Distinct().ToList();
        var organizationNames = await db.OrganizationNames.AsNoTracking().Where(o => organizationIds.Contains(o.OrganizationId)).ToDictionaryAsync(o => o.OrganizationId, o => o.Name, ct);

        var result = new AttendanceRates
        {
            FromMonth = months.FromKey, ToMonth = months.ToKey,
            Total = AttendanceRule.Sum("", "", invited),
            ActivitiesWithoutInvitations = activities.Count - invited.Count,
        };
        result.PerMonth.AddRange(invited.GroupBy(a => a.Month).OrderBy(g => g.Key).Select(g => AttendanceRule.Sum(ReportMonths.Key(g.Key), ReportMonths.Key(g.Key), g)));
        result.PerAlliance.AddRange(invited.Where(a => a.AllianceId is not null).GroupBy(a => a.AllianceId!.Value)
            .Select(g => AttendanceRule.Sum(g.Key.ToString(), allianceNames.GetValueOrDefault(g.Key, ""), g)).OrderByDescending(r => r.Invited).ThenBy(r => r.Name, StringComparer.Ordinal));
        // An activity counts once for each subsidiary and organization that hosts it.
        result.PerSubsidiary.AddRange(hosts.Where(h => h.SubsidiaryId is not null && (subsidiary is null || h.SubsidiaryId == subsidiary))
            .Select(h => (h.SubsidiaryId!.Value, h.ActivityId)).Distinct().GroupBy(h => h.Item1)
            .Select(g => AttendanceRule.Sum(g.Key.ToString(), subsidiaryNames.GetValueOrDefault(g.Key, ""), g.Select(h => byId[h.ActivityId])))
            .OrderByDescending(r => r.Invited).ThenBy(r => r.Name, StringComparer.Ordinal));
        result.PerOrganization.AddRange(hosts.Where(h => h.OrganizationId is not null && (subsidiary is null || h.SubsidiaryId == subsidiary))
            .Select(h => (h.OrganizationId!.Value, h.ActivityId)).Distinct().GroupBy(h => h.Item1)
            .Select(g => AttendanceRule.Sum(g.Key.ToString(), organizationNames.GetValueOrDefault(g.Key, ""), g.Select(h => byId[h.ActivityId])))
            .OrderByDescending(r => r.Invited).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).Take(TopOrganizations));
        var hostNames = hosts.GroupBy(h => h.ActivityId).ToDictionary(g => g.Key, g => string.Join("、", g.Select(h => h.Name)));
        result.PerActivity.AddRange(invited.OrderByDescending(a => a.StartsAt).ThenBy(a => a.ActivityId).Take(LatestActivities)
            .Select(a => AttendanceRule.Sum(a.ActivityId.ToString(), hostNames.GetValueOrDefault(a.ActivityId, ""), [a])));
        return result;
    }
}
