using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting.Alliances;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Dashboards;

public sealed partial class ReportingGrpcService
{
    /// <summary>Counts per alliance. A group admin sees every alliance (or one subsidiary's); others their own subsidiary's:
    /// those it leads or has a current member unit in, as the organization service shows them.</summary>
    public override async Task<AllianceCountsResponse> GetAllianceCounts(GetAllianceCountsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("subsidiaryId", request.HasSubsidiaryId ? request.SubsidiaryId : null, required: false).ThrowIfAny();
        Guid? subsidiary = request.HasSubsidiaryId && !string.IsNullOrWhiteSpace(request.SubsidiaryId) ? Guid.Parse(request.SubsidiaryId) : null;
        if (subsidiary is { } requested) caller.EnsureCanAccess(requested, "The subsidiary");
        if (!caller.IsGroupAdmin) subsidiary = caller.TenantId;
        // The chair depends on the day: the group's calendar day, as in the organization service.
        var today = clock.GroupToday();
        var ct = context.CancellationToken;
        return await cache.GetOrComputeAsync($"alliances:{subsidiary?.ToString() ?? "all"}:{today:yyyy-MM-dd}", AllianceCountsResponse.Parser, async () =>
        {
            var query = db.Alliances.AsNoTracking().Where(a => a.Formed);
            if (subsidiary is { } s)
                query = query.Where(a => a.LeadSubsidiaryId == s
                    || db.AllianceUnits.Any(u => u.AllianceId == a.AllianceId && u.Joined && u.SubsidiaryId == s && u.LeftOn == null));
            var alliances = await query.OrderBy(a => a.Name).ThenBy(a => a.AllianceId).ToListAsync(ct);
            var ids = alliances.Select(a => a.AllianceId).ToList();
            var units = (await db.AllianceUnits.AsNoTracking().Where(u => ids.Contains(u.AllianceId)).ToListAsync(ct))
                .ToLookup(u => u.AllianceId);
            var response = new AllianceCountsResponse();
            foreach (var a in alliances)
            {
                var all = units[a.AllianceId].ToList();
                var current = all.Where(u => u.Joined && u.LeftOn == null).ToList();
                var item = new AllianceCounts
                {
                    AllianceId = a.AllianceId.ToString(),
                    Name = a.Name,
                    LeadSubsidiaryId = a.LeadSubsidiaryId.ToString(),
                    MemberUnits = current.Count,
                    InternalUnits = current.Count(u => u.OrganizationId is not null),
                    ExternalUnits = current.Count(u => u.OrganizationId is null),
                };
                if (ChairOn(a, all, today) is { } chair)
                {
                    item.CurrentChairUnitId = chair.MemberUnitId.ToString();
                    item.CurrentChairUnitName = chair.Name;
                }
                response.Items.Add(item);
            }
            return response;
        });
    }

    /// <summary>
    /// The unit chairing on <paramref name="day"/> by the organization service's rule: units take their turn in the
    /// scheduled order, one period each; a unit that has left by the time a period starts is skipped.
    /// </summary>
    internal static AllianceUnitView? ChairOn(AllianceView alliance, IReadOnlyList<AllianceUnitView> units, DateOnly day)
    {
        if (alliance.RotationStartsOn is not { } start || alliance.RotationPeriodMonths == 0 || alliance.RotationOrder.Length == 0 || day < start) return null;
        var months = (day.Year - start.Year) * 12 + day.Month - start.Month;
        if (start.AddMonths(months) > day) months--;
        var index = months / alliance.RotationPeriodMonths;
        var order = alliance.RotationOrder;
        var turn = -1;
        AllianceUnitView? chair = null;
        for (var k = 0; k <= index; k++)
        {
            var starts = start.AddMonths(k * alliance.RotationPeriodMonths);
            chair = null;
            for (var tries = 0; tries < order.Length; tries++)
            {
                var candidate = order[(turn + 1 + tries) % order.Length];
                if (units.SingleOrDefault(u => u.MemberUnitId == candidate) is { } unit && !(unit.LeftOn is { } left && left <= starts))
                {
                    turn = (turn + 1 + tries) % order.Length;
                    chair = unit;
                    break;
                }
            }
            if (chair is null) return null; // nobody in the order is still a member: the schedule has run out
        }
        return chair;
    }
}
