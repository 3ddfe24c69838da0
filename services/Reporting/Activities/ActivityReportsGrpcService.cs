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

namespace Alliance.Reporting.Activities;

/// <summary>
/// alliance.reporting.v1.ActivityReports: joint work counted from the activity read model, through the dashboard cache.
/// An activity counts for each of its hosts, so a subsidiary's counts are those one of its organizations hosts, once each.
/// </summary>
public sealed class ActivityReportsGrpcService(ReportingDbContext db, DashboardCache cache, TimeProvider clock) : ActivityReports.ActivityReportsBase
{
    public const int MaxMonths = ReportMonths.MaxMonths;
    const int TopOrganizations = 20;

    public override async Task<ActivityCounts> GetActivityCounts(GetActivityCountsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.HasSubsidiaryId ? request.SubsidiaryId : null, required: false);
        var months = ReportMonths.Read(errors, request.FromMonth, request.ToMonth, clock.GroupToday());
        errors.ThrowIfAny();
        var (from, to) = (months.From, months.To);
        Guid? subsidiary = request.HasSubsidiaryId && !string.IsNullOrWhiteSpace(request.SubsidiaryId) ? Guid.Parse(request.SubsidiaryId) : null;
        if (subsidiary is { } requested) caller.EnsureCanAccess(requested, "The subsidiary");
        if (!caller.IsGroupAdmin) subsidiary = caller.TenantId;
        var ct = context.CancellationToken;
        return await cache.GetOrComputeAsync($"activities:{subsidiary?.ToString() ?? "all"}:{from:yyyy-MM}:{to:yyyy-MM}", ActivityCounts.Parser,
            () => CountAsync(subsidiary, from, to, ct));
    }

    async Task<ActivityCounts> CountAsync(Guid? subsidiary, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var activities = db.Set<ActivityView>().AsNoTracking().Where(a => a.Month >= from && a.Month <= to);
        var hosts = db.Set<ActivityHostView>().AsNoTracking();
        if (subsidiary is { } s) activities = activities.Where(a => hosts.Any(h => h.ActivityId == a.ActivityId && h.SubsidiaryId == s));

        var byMonth = await activities.GroupBy(a => new { a.Month, a.Measure, a.Status })
            .Select(g => new { g.Key.Month, g.Key.Measure, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var byAlliance = await activities.Where(a => a.AllianceId != null && a.Status != ActivityView.Cancelled)
            .GroupBy(a => new { a.AllianceId, a.Status }).Select(g => new { g.Key.AllianceId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var organizationHosts = hosts.Where(h => h.OrganizationId != null && (subsidiary == null || h.SubsidiaryId == subsidiary));
        var byOrganization = await (
            from a in activities.Where(a => a.Status != ActivityView.Cancelled)
            join h in organizationHosts on a.ActivityId equals h.ActivityId
            group a by new { h.OrganizationId, a.Status } into g
            select new { g.Key.OrganizationId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);

        var allianceIds = byAlliance.Select(a => a.AllianceId!.Value).Distinct().ToList();
        var allianceNames = await db.Alliances.AsNoTracking().Where(a => allianceIds.Contains(a.AllianceId)).ToDictionaryAsync(a => a.AllianceId, a => a.Name, ct);
        var topOrganizations = byOrganization.GroupBy(o => o.OrganizationId!.Value)
            .Select(g => (Id: g.Key, Held: g.Where(o => o.Status == ActivityView.Held).Sum(o => o.Count), Planned: g.Where(o => o.Status == ActivityView.Planned).Sum(o => o.Count)))
            .OrderByDescending(o => o.Held).ThenByDescending(o => o.Planned).ThenBy(o => o.Id).Take(TopOrganizations).ToList();
        var organizationIds = topOrganizations.Select(o => o.Id).ToList();
        var organizationNames = await db.OrganizationNames.AsNoTracking().Where(o => organizationIds.Contains(o.OrganizationId))
            .ToDictionaryAsync(o => o.OrganizationId, o => o.Name, ct);

        int Sum(string status) => byMonth.Where(m => m.Status == status).Sum(m => m.Count);
        var result = new ActivityCounts
        {
            FromMonth = from.ToString("yyyy-MM", CultureInfo.InvariantCulture), ToMonth = to.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            Held = Sum(ActivityView.Held), Planned = Sum(ActivityView.Planned), Cancelled = Sum(ActivityView.Cancelled),
        };
        result.PerMonth.AddRange(byMonth.Where(m => m.Status != ActivityView.Cancelled).GroupBy(m => (m.Month, m.Measure)).OrderBy(g => g.Key.Month).ThenBy(g => g.Key.Measure)
            .Select(g => new MonthMeasureCount
            {
                Month = g.Key.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), Measure = g.Key.Measure,
                Held = g.Where(m => m.Status == ActivityView.Held).Sum(m => m.Count), Planned = g.Where(m => m.Status == ActivityView.Planned).Sum(m => m.Count),
            }));
        result.PerMeasure.AddRange(byMonth.Where(m => m.Status != ActivityView.Cancelled).GroupBy(m => m.Measure).OrderBy(g => g.Key)
            .Select(g => new MeasureCount
            {
                Measure = g.Key, Held = g.Where(m => m.Status == ActivityView.Held).Sum(m => m.Count), Planned = g.Where(m => m.Status == ActivityView.Planned).Sum(m => m.Count),
            }));
        result.PerAlliance.AddRange(byAlliance.GroupBy(a => a.AllianceId!.Value)
            .Select(g => new AllianceActivityCount
            {
                AllianceId = g.Key.ToString(), Name = allianceNames.GetValueOrDefault(g.Key, ""),
                Held = g.Where(a => a.Status == ActivityView.Held).Sum(a => a.Count), Planned = g.Where(a => a.Status == ActivityView.Planned).Sum(a => a.Count),
            }).OrderByDescending(a => a.Held).ThenByDescending(a => a.Planned).ThenBy(a => a.Name, StringComparer.Ordinal));
        result.PerOrganization.AddRange(topOrganizations.Select(o => new OrganizationActivityCount
        {
            OrganizationId = o.Id.ToString(), Name = organizationNames.GetValueOrDefault(o.Id, ""), Held = o.Held, Planned = o.Planned,
        }));
        return result;
    }
}
