using Alliance.Gateway.Errors;
using Alliance.Contracts.Reporting.V1;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Clients;

namespace Alliance.Gateway.Dashboard;

public sealed record SubsidiaryCountsDto(Guid SubsidiaryId, string Name, int Organizations, int Committees, int GeneralBranches, int Branches, int Groups)
{
    public static SubsidiaryCountsDto From(SubsidiaryDashboard d) =>
        new(Guid.Parse(d.SubsidiaryId), d.Name, d.Organizations, d.Committees, d.GeneralBranches, d.Branches, d.Groups);
}

public sealed record GroupDashboardDto(int Subsidiaries, int Organizations, IReadOnlyList<SubsidiaryCountsDto> PerSubsidiary);

public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dashboard").WithTags("Dashboard");

        group.MapGet("/", async (ReportingClient client, CancellationToken ct) =>
        {
            var d = await client.GetGroupDashboardAsync(ct);
            return Results.Ok(new GroupDashboardDto(d.Subsidiaries, d.Organizations, d.PerSubsidiary.Select(SubsidiaryCountsDto.From).ToList()));
        }).RequireAuthorization(Policies.GroupAdmin).WithName("GetGroupDashboard");

        group.MapGet("/subsidiaries/{subsidiaryId:guid}", async (Guid subsidiaryId, HttpContext http, ReportingClient client, CancellationToken ct) =>
        {
            if (!Caller.From(http.User).CanAccess(subsidiaryId)) return Problems.SubsidiaryNotFound();
            return Results.Ok(SubsidiaryCountsDto.From(await client.GetSubsidiaryDashboardAsync(subsidiaryId, ct)));
        }).WithName("GetSubsidiaryDashboard");

        return api;
    }
}
