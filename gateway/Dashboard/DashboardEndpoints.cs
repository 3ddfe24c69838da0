using Alliance.Gateway.Errors;
using Alliance.Contracts.Reporting.V1;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Dashboard;

public sealed record SubsidiaryCountsDto(Guid SubsidiaryId, string Name, int Organizations, int Committees, int GeneralBranches, int Branches, int Groups)
{
    public static SubsidiaryCountsDto From(SubsidiaryDashboard d) =>
        new(Guid.Parse(d.SubsidiaryId), d.Name, d.Organizations, d.Committees, d.GeneralBranches, d.Branches, d.Groups);
}

public sealed record GroupDashboardDto(int Subsidiaries, int Organizations, IReadOnlyList<SubsidiaryCountsDto> PerSubsidiary);

public sealed record AllianceCountsDto(Guid AllianceId, string Name, Guid LeadSubsidiaryId, int MemberUnits, int InternalUnits, int ExternalUnits,
    Guid? CurrentChairUnitId, string? CurrentChairUnitName)
{
    public static AllianceCountsDto From(AllianceCounts a) => new(Guid.Parse(a.AllianceId), a.Name, Guid.Parse(a.LeadSubsidiaryId),
        a.MemberUnits, a.InternalUnits, a.ExternalUnits,
        a.CurrentChairUnitId == "" ? null : Guid.Parse(a.CurrentChairUnitId), a.CurrentChairUnitId == "" ? null : a.CurrentChairUnitName);
}

public sealed record OrganizationMembersDto(Guid OrganizationId, string OrganizationName, int Full, int Probationary);

public sealed record SubsidiaryMembersDto(Guid SubsidiaryId, int Full, int Probationary, IReadOnlyList<OrganizationMembersDto> PerOrganization);

public sealed record CrossAppointmentDto(Guid SubsidiaryId, int Secretaries, int CrossAppointed, double Ratio);

public sealed record ExpiringPairingDto(Guid PairingId, string Title, DateOnly ExpiresOn);

public sealed record PairingCountsDto(Guid SubsidiaryId, int Active, int ExpiringSoon, int ExpiringSoonDays, IReadOnlyList<ExpiringPairingDto> Expiring);

public sealed record MonthMeasureCountDto(string Month, string Measure, int Held, int Planned);
public sealed record MeasureCountDto(string Measure, int Held, int Planned);
public sealed record AllianceActivityCountDto(Guid AllianceId, string Name, int Held, int Planned);
public sealed record OrganizationActivityCountDto(Guid OrganizationId, string Name, int Held, int Planned);

public sealed record ActivityCountsDto(string FromMonth, string ToMonth, int Held, int Planned, int Cancelled,
    IReadOnlyList<MonthMeasureCountDto> PerMonth, IReadOnlyList<MeasureCountDto> PerMeasure,
    IReadOnlyList<AllianceActivityCountDto> PerAlliance, IReadOnlyList<OrganizationActivityCountDto> PerOrganization)
{
    public static ActivityCountsDto From(ActivityCounts c) => new(c.FromMonth, c.ToMonth, c.Held, c.Planned, c.Cancelled,
        c.PerMonth.Select(m => new MonthMeasureCountDto(m.Month, m.Measure, m.Held, m.Planned)).ToList(),
        c.PerMeasure.Select(m => new MeasureCountDto(m.Measure, m.Held, m.Planned)).ToList(),
        c.PerAlliance.Select(a => new AllianceActivityCountDto(Guid.Parse(a.AllianceId), a.Name, a.Held, a.Planned)).ToList(),
        c.PerOrganization.Select(o => new OrganizationActivityCountDto(Guid.Parse(o.OrganizationId), o.Name, o.Held, o.Planned)).ToList());
}

public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dashboard").WithTags("Dashboard");
        group.MapGet("/", GetGroupDashboard).RequireAuthorization(Policies.GroupAdmin).WithName("GetGroupDashboard")
            .Produces<GroupDashboardDto>();
        group.MapGet("/subsidiaries/{subsidiaryId:guid}", GetSubsidiaryDashboard).WithName("GetSubsidiaryDashboard")
            .Produces<SubsidiaryCountsDto>().ProducesProblem(StatusCodes.Status404NotFound);
        // Alliances the caller may see: a group admin all (or one subsidiary's, ?subsidiaryId=); others their own subsidiary's.
        group.MapGet("/alliances", GetAllianceDashboard).WithName("GetAllianceDashboard");
        group.MapGet("/subsidiaries/{subsidiaryId:guid}/members", GetMembersDashboard).WithName("GetMembersDashboard");
        group.MapGet("/subsidiaries/{subsidiaryId:guid}/cross-appointment", GetCrossAppointmentDashboard).WithName("GetCrossAppointmentDashboard");
        group.MapGet("/subsidiaries/{subsidiaryId:guid}/pairings", GetPairingsDashboard).WithName("GetPairingsDashboard");
        // Joint work: a group admin the whole group (or one subsidiary's, ?subsidiaryId=); others their own subsidiary's.
        group.MapGet("/activities", GetActivityDashboard).WithName("GetActivityDashboard").Produces<ActivityCountsDto>();
        group.MapJointWorkDashboards();
        return api;
    }

    /// <summary>Cached as JSON under reporting's dashboard version: the same for every group admin.</summary>
    static Task<IResult> GetGroupDashboard(ReportingService.ReportingServiceClient client, DashboardAnswers answers, CancellationToken ct) =>
        answers.JsonAsync("group", async () =>
        {
            var d = await client.GetGroupDashboardAsync(new GetGroupDashboardRequest(), cancellationToken: ct);
            return new GroupDashboardDto(d.Subsidiaries, d.Organizations, d.PerSubsidiary.Select(SubsidiaryCountsDto.From).ToList());
        });

    /// <summary>Cached as JSON per subsidiary, once the caller may see it.</summary>
    static async Task<IResult> GetSubsidiaryDashboard(Guid subsidiaryId, HttpContext http, ReportingService.ReportingServiceClient client,
        DashboardAnswers answers, CancellationToken ct)
    {
        if (!Caller.From(http.User).CanAccess(subsidiaryId)) return Problems.SubsidiaryNotFound();
        return await answers.JsonAsync($"subsidiary:{subsidiaryId}", async () => SubsidiaryCountsDto.From(
            await client.GetSubsidiaryDashboardAsync(new GetSubsidiaryDashboardRequest { SubsidiaryId = subsidiaryId.ToString() }, cancellationToken: ct)));
    }

    static async Task<IResult> GetAllianceDashboard(Guid? subsidiaryId, HttpContext http, ReportingService.ReportingServiceClient client, CancellationToken ct)
    {
        if (subsidiaryId is { } id && !Caller.From(http.User).CanAccess(id)) return Problems.SubsidiaryNotFound();
        var counts = await client.GetAllianceCountsAsync(new GetAllianceCountsRequest { SubsidiaryId = subsidiaryId?.ToString() ?? "" }, cancellationToken: ct);
        return Results.Ok(counts.Items.Select(AllianceCountsDto.From).ToList());
    }

    static async Task<IResult> GetActivityDashboard(Guid? subsidiaryId, string? from, string? to, HttpContext http,
        ActivityReports.ActivityReportsClient client, CancellationToken ct)
    {
        if (subsidiaryId is { } id && !Caller.From(http.User).CanAccess(id)) return Problems.SubsidiaryNotFound();
        var request = new GetActivityCountsRequest { FromMonth = from?.Trim() ?? "", ToMonth = to?.Trim() ?? "" };
        if (subsidiaryId is { } s) request.SubsidiaryId = s.ToString();
        return Results.Ok(ActivityCountsDto.From(await client.GetActivityCountsAsync(request, cancellationToken: ct)));
    }

    static async Task<IResult> GetMembersDashboard(Guid subsidiaryId, HttpContext http, ReportingService.ReportingServiceClient client, CancellationToken ct)
    {
        if (!Caller.From(http.User).CanAccess(subsidiaryId)) return Problems.SubsidiaryNotFound();
        var m = await client.GetMemberCountsAsync(new GetMemberCountsRequest { SubsidiaryId = subsidiaryId.ToString() }, cancellationToken: ct);
        return Results.Ok(new SubsidiaryMembersDto(subsidiaryId, m.Full, m.Probationary,
            m.PerOrganization.Select(o => new OrganizationMembersDto(Guid.Parse(o.OrganizationId), o.OrganizationName, o.Full, o.Probationary)).ToList()));
    }

    static async Task<IResult> GetCrossAppointmentDashboard(Guid subsidiaryId, HttpContext http, ReportingService.ReportingServiceClient client, CancellationToken ct)
    {
        if (!Caller.From(http.User).CanAccess(subsidiaryId)) return Problems.SubsidiaryNotFound();
        var c = await client.GetCrossAppointmentAsync(new GetCrossAppointmentRequest { SubsidiaryId = subsidiaryId.ToString() }, cancellationToken: ct);
        return Results.Ok(new CrossAppointmentDto(subsidiaryId, c.Secretaries, c.CrossAppointed, c.Ratio));
    }

    static async Task<IResult> GetPairingsDashboard(Guid subsidiaryId, HttpContext http, ReportingService.ReportingServiceClient client, CancellationToken ct)
    {
        if (!Caller.From(http.User).CanAccess(subsidiaryId)) return Problems.SubsidiaryNotFound();
        var p = await client.GetPairingCountsAsync(new GetPairingCountsRequest { SubsidiaryId = subsidiaryId.ToString() }, cancellationToken: ct);
        return Results.Ok(new PairingCountsDto(subsidiaryId, p.Active, p.ExpiringSoon, p.ExpiringSoonDays,
            p.Expiring.Select(e => new ExpiringPairingDto(Guid.Parse(e.PairingId), e.Title, DateOnly.Parse(e.ExpiresOn))).ToList()));
    }
}
