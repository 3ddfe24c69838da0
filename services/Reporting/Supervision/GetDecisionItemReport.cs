using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting.Common;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Supervision;

/// <summary>
/// alliance.reporting.v1.JointWorkReports/GetDecisionItemReport: open decision items by colour per alliance and per
/// subsidiary of the owner unit (its member unit's subsidiary, else its organization's), and the on-time closure rate
/// (<see cref="ClosureRule"/>) of the items due in the months. A subsidiary's report holds the items its units own.
/// </summary>
public sealed class GetDecisionItemReport(ReportingDbContext db, DashboardCache cache, TimeProvider clock)
{
    public async Task<DecisionItemReport> HandleAsync(GetDecisionItemReportRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.HasSubsidiaryId ? request.SubsidiaryId : null, required: false);
        var today = clock.GroupToday();
        var months = ReportMonths.Read(errors, request.FromMonth, request.ToMonth, today);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var subsidiary = await ReportScope.SubsidiaryAsync(caller, request.HasSubsidiaryId ? request.SubsidiaryId : null, db, ct);
        return await cache.GetOrComputeAsync($"decision-items:{subsidiary?.ToString() ?? "all"}:{months.FromKey}:{months.ToKey}:{today:yyyy-MM-dd}",
            DecisionItemReport.Parser, () => ComputeAsync(subsidiary, months, today, ct));
    }

    sealed record Item(Guid AllianceId, Guid? SubsidiaryId, string State, string Colour, DateOnly DueOn, DateOnly? VerifiedOn);

    async Task<DecisionItemReport> ComputeAsync(Guid? subsidiary, ReportMonths months, DateOnly today, CancellationToken ct)
    {
        var items = from d in db.Set<DecisionItemView>().AsNoTracking()
                    join u in db.AllianceUnits.AsNoTracking() on d.OwnerMemberUnitId equals u.MemberUnitId into units
                    from u in units.DefaultIfEmpty()
                    join o in db.OrganizationNames.AsNoTracking() on d.OwnerOrganizationId equals o.OrganizationId into organizations
                    from o in organizations.DefaultIfEmpty()
                    select new { d, SubsidiaryId = u != null ? u.SubsidiaryId : o != null ? (Guid?)o.SubsidiaryId : null };
        if (subsidiary is { } s) items = items.Where(i => i.SubsidiaryId == s);
        var open = await items.Where(i => i.d.State != DecisionItemView.Verified && i.d.State != DecisionItemView.Cancelled)
            .GroupBy(i => new { i.d.AllianceId, i.SubsidiaryId, i.d.Colour })
            .Select(g => new { g.Key.AllianceId, g.Key.SubsidiaryId, g.Key.Colour, Count = g.Count() }).ToListAsync(ct);
        var due = await items.Where(i => i.d.DueOn >= months.From && i.d.DueOn < months.End)
            .Select(i => new Item(i.d.AllianceId, i.SubsidiaryId, i.d.State, i.d.Colour, i.d.DueOn, i.d.VerifiedOn)).ToListAsync(ct);

        var allianceIds = open.Select(o => o.AllianceId).Distinct().ToList();
        var allianceNames = await db.Alliances.AsNoTracking().Where(a => allianceIds.Contains(a.AllianceId)).ToDictionaryAsync(a => a.AllianceId, a => a.Name, ct);
        var subsidiaryIds = open.Where(o => o.SubsidiaryId is not null).Select(o => o.SubsidiaryId!.Value).Distinct().ToList();
        var subsidiaryNames = await db.SubsidiaryCounts.AsNoTracking().Where(c => subsidiaryIds.Contains(c.SubsidiaryId)).ToDictionaryAsync(c => c.SubsidiaryId, c => c.Name, ct);

        ColourCount Colours(string key, string name, IEnumerable<(string Colour, int Count)> counts)
        {
            var list = counts.ToList();
            int Of(string colour) => list.Where(c => c.Colour == colour).Sum(c => c.Count);
            return new ColourCount { Key = key, Name = name, Green = Of("green"), Yellow = Of("yellow"), Red = Of("red") };
        }

        var result = new DecisionItemReport
        {
            FromMonth = months.FromKey, ToMonth = months.ToKey,
            Open = Colours("", "", open.Select(o => (o.Colour, o.Count))),
            Closure = Closures("", due, today),
        };
        result.PerAlliance.AddRange(open.GroupBy(o => o.AllianceId)
            .Select(g => Colours(g.Key.ToString(), allianceNames.GetValueOrDefault(g.Key, ""), g.Select(o => (o.Colour, o.Count))))
            .OrderByDescending(c => c.Red).ThenByDescending(c => c.Yellow).ThenBy(c => c.Name, StringComparer.Ordinal));
        result.PerSubsidiary.AddRange(open.Where(o => o.SubsidiaryId is not null).GroupBy(o => o.SubsidiaryId!.Value)
            .Select(g => Colours(g.Key.ToString(), subsidiaryNames.GetValueOrDefault(g.Key, ""), g.Select(o => (o.Colour, o.Count))))
            .OrderByDescending(c => c.Red).ThenByDescending(c => c.Yellow).ThenBy(c => c.Name, StringComparer.Ordinal));
        result.ClosurePerMonth.AddRange(due.GroupBy(i => ReportMonths.FirstOfMonth(i.DueOn)).OrderBy(g => g.Key)
            .Select(g => Closures(ReportMonths.Key(g.Key), g, today)));
        return result;
    }

    static ClosureRate Closures(string month, IEnumerable<Item> items, DateOnly today)
    {
        var closures = items.Select(i => ClosureRule.Of(i.State, i.DueOn, i.VerifiedOn, today)).ToList();
        var (onTime, late, overdue) = (closures.Count(c => c == Closure.OnTime), closures.Count(c => c == Closure.Late), closures.Count(c => c == Closure.Overdue));
        return new ClosureRate
        {
            Month = month, Verified = onTime + late, OnTime = onTime, Late = late, Overdue = overdue,
            Rate = ReportScope.Rate(onTime, onTime + late + overdue),
        };
    }
}
