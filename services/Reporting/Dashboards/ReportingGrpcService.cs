using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting.Data;
using Alliance.Reporting.Pairings;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Alliance.Reporting.Dashboards;

/// <summary>alliance.reporting.v1.ReportingService: dashboards from the read model, through the cache.</summary>
public sealed partial class ReportingGrpcService(ReportingDbContext db, DashboardCache cache, TimeProvider clock, IOptions<PairingOptions> pairingOptions) : Alliance.Contracts.Reporting.V1.ReportingService.ReportingServiceBase
{
    public override async Task<GroupDashboard> GetGroupDashboard(GetGroupDashboardRequest request, ServerCallContext context)
    {
        CallerScope.From(context).EnsureGroupAdmin("see the group dashboard");
        return await cache.GetOrComputeAsync("group", GroupDashboard.Parser, async () =>
        {
            var rows = await db.SubsidiaryCounts.AsNoTracking().Where(c => c.Registered).OrderBy(c => c.Name)
                .ToListAsync(context.CancellationToken);
            var dashboard = new GroupDashboard
            {
                Subsidiaries = rows.Count,
                Organizations = rows.Sum(r => r.Organizations),
            };
            dashboard.PerSubsidiary.AddRange(rows.Select(ToContract));
            return dashboard;
        });
    }

    public override async Task<SubsidiaryDashboard> GetSubsidiaryDashboard(GetSubsidiaryDashboardRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("subsidiaryId", request.SubsidiaryId).ThrowIfAny();
        var id = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(id, "The subsidiary");
        return await cache.GetOrComputeAsync($"subsidiary:{id}", SubsidiaryDashboard.Parser, async () =>
        {
            var row = await db.SubsidiaryCounts.AsNoTracking().SingleOrDefaultAsync(c => c.SubsidiaryId == id && c.Registered, context.CancellationToken);
            return row is null ? new SubsidiaryDashboard { SubsidiaryId = id.ToString() } : ToContract(row);
        });
    }

    static SubsidiaryDashboard ToContract(SubsidiaryCounts c) => new()
    {
        SubsidiaryId = c.SubsidiaryId.ToString(),
        Name = c.Name,
        Organizations = c.Organizations,
        Committees = c.Committees,
        GeneralBranches = c.GeneralBranches,
        Branches = c.Branches,
        Groups = c.Groups,
    };
}
