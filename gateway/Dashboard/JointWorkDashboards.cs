using Alliance.Contracts.Reporting.V1;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Errors;

namespace Alliance.Gateway.Dashboard;

public sealed record AttendanceRateDto(string Key, string Name, int Activities, int Invited, int CheckedIn, double Rate)
{
    public static AttendanceRateDto From(AttendanceRate r) => new(r.Key, r.Name, r.Activities, r.Invited, r.CheckedIn, r.Rate);
}

public sealed record AttendanceRatesDto(string FromMonth, string ToMonth, AttendanceRateDto Total, int ActivitiesWithoutInvitations,
    IReadOnlyList<AttendanceRateDto> PerMonth, IReadOnlyList<AttendanceRateDto> PerAlliance, IReadOnlyList<AttendanceRateDto> PerSubsidiary,
    IReadOnlyList<AttendanceRateDto> PerOrganization, IReadOnlyList<AttendanceRateDto> PerActivity)
{
    public static AttendanceRatesDto From(AttendanceRates r) => new(r.FromMonth, r.ToMonth, AttendanceRateDto.From(r.Total), r.ActivitiesWithoutInvitations,
        r.PerMonth.Select(AttendanceRateDto.From).ToList(), r.PerAlliance.Select(AttendanceRateDto.From).ToList(),
        r.PerSubsidiary.Select(AttendanceRateDto.From).ToList(), r.PerOrganization.Select(AttendanceRateDto.From).ToList(),
        r.PerActivity.Select(AttendanceRateDto.From).ToList());
}

public sealed record ComplianceCountDto(int Bound, int Done, int Due, int Overdue, double Rate)
{
    public static ComplianceCountDto From(ComplianceCount c) => new(c.Bound, c.Done, c.Due, c.Overdue, c.Rate);
}

public sealed record RuleComplianceDto(Guid RuleId, string NameZh, string NameEn, string OrganizationKind, string Period, string PeriodKey, DateOnly DueOn,
    ComplianceCountDto Count);
public sealed record SubsidiaryComplianceDto(Guid SubsidiaryId, string Name, int Organizations, ComplianceCountDto Count);
public sealed record OrganizationRuleStateDto(Guid RuleId, string PeriodKey, string State, int HeldCount);
public sealed record BranchComplianceDto(Guid OrganizationId, string Name, Guid SubsidiaryId, string Kind, IReadOnlyList<OrganizationRuleStateDto> Rules);

public sealed record OrganizationLifeComplianceDto(DateOnly On, ComplianceCountDto Total, IReadOnlyList<SubsidiaryComplianceDto> PerSubsidiary,
    IReadOnlyList<RuleComplianceDto> PerRule, IReadOnlyList<BranchComplianceDto> Organizations, int TotalOrganizations, int Page, int PageSize)
{
    public static OrganizationLifeComplianceDto From(OrganizationLifeCompliance c) => new(DateOnly.Parse(c.On), ComplianceCountDto.From(c.Total),
        c.PerSubsidiary.Select(s => new SubsidiaryComplianceDto(Guid.Parse(s.SubsidiaryId), s.Name, s.Organizations, ComplianceCountDto.From(s.Count))).ToList(),
        c.PerRule.Select(r => new RuleComplianceDto(Guid.Parse(r.RuleId), r.NameZh, r.NameEn, r.OrganizationKind, r.Period, r.PeriodKey, DateOnly.Parse(r.DueOn),
            ComplianceCountDto.From(r.Count))).ToList(),
        c.Organizations.Select(o => new BranchComplianceDto(Guid.Parse(o.OrganizationId), o.Name, Guid.Parse(o.SubsidiaryId), o.Kind,
            o.Rules.Select(r => new OrganizationRuleStateDto(Guid.Parse(r.RuleId), r.PeriodKey, r.State, r.HeldCount)).ToList())).ToList(),
        c.TotalOrganizations, c.Page, c.PageSize);
}

public sealed record ColourCountDto(string Key, string Name, int Green, int Yellow, int Red)
{
    public static ColourCountDto From(ColourCount c) => new(c.Key, c.Name, c.Green, c.Yellow, c.Red);
}

public sealed record ClosureRateDto(string Month, int Verified, int OnTime, int Late, int Overdue, double Rate)
{
    public static ClosureRateDto From(ClosureRate c) => new(c.Month, c.Verified, c.OnTime, c.Late, c.Overdue, c.Rate);
}

public sealed record DecisionItemReportDto(string FromMonth, string ToMonth, ColourCountDto Open, IReadOnlyList<ColourCountDto> PerAlliance,
    IReadOnlyList<ColourCountDto> PerSubsidiary, ClosureRateDto Closure, IReadOnlyList<ClosureRateDto> ClosurePerMonth)
{
    public static DecisionItemReportDto From(DecisionItemReport r) => new(r.FromMonth, r.ToMonth, ColourCountDto.From(r.Open),
        r.PerAlliance.Select(ColourCountDto.From).ToList(), r.PerSubsidiary.Select(ColourCountDto.From).ToList(),
        ClosureRateDto.From(r.Closure), r.ClosurePerMonth.Select(ClosureRateDto.From).ToList());
}

/// <summary>
/// Joint work's further dashboards (ADR 37), beside <c>/dashboard/activities</c>: a group admin the whole group (or one
/// subsidiary's, ?subsidiaryId=); others their own subsidiary's. Partners are refused (not marked AllowPartners).
/// </summary>
public static class JointWorkDashboards
{
    public static RouteGroupBuilder MapJointWorkDashboards(this RouteGroupBuilder group)
    {
        group.MapGet("/attendance", GetAttendanceDashboard).WithName("GetAttendanceDashboard")
            .Produces<AttendanceRatesDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/organization-life", GetOrganizationLifeDashboard).WithName("GetOrganizationLifeDashboard")
            .Produces<OrganizationLifeComplianceDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/supervision", GetSupervisionDashboard).WithName("GetSupervisionDashboard")
            .Produces<DecisionItemReportDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    static async Task<IResult> GetAttendanceDashboard(Guid? subsidiaryId, string? from, string? to, HttpContext http,
        JointWorkReports.JointWorkReportsClient client, CancellationToken ct)
    {
        if (subsidiaryId is { } id && !Caller.From(http.User).CanAccess(id)) return Problems.SubsidiaryNotFound();
        var request = new GetAttendanceRatesRequest { FromMonth = from?.Trim() ?? "", ToMonth = to?.Trim() ?? "" };
        if (subsidiaryId is { } s) request.SubsidiaryId = s.ToString();
        return Results.Ok(AttendanceRatesDto.From(await client.GetAttendanceRatesAsync(request, cancellationToken: ct)));
    }

    static async Task<IResult> GetOrganizationLifeDashboard(Guid? subsidiaryId, string? on, int? page, int? pageSize, HttpContext http,
        JointWorkReports.JointWorkReportsClient client, CancellationToken ct)
    {
        if (subsidiaryId is { } id && !Caller.From(http.User).CanAccess(id)) return Problems.SubsidiaryNotFound();
        // Absent paging is the service's default (0); a given one must be 1 or more, which the service alone cannot tell from absent.
        if (page is < 1) return Results.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["must be 1 or more."] });
        if (pageSize is < 1) return Results.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = ["must be 1 or more."] });
        var request = new GetOrganizationLifeComplianceRequest { On = on?.Trim() ?? "", Page = page ?? 0, PageSize = pageSize ?? 0 };
        if (subsidiaryId is { } s) request.SubsidiaryId = s.ToString();
        return Results.Ok(OrganizationLifeComplianceDto.From(await client.GetOrganizationLifeComplianceAsync(request, cancellationToken: ct)));
    }

    static async Task<IResult> GetSupervisionDashboard(Guid? subsidiaryId, string? from, string? to, HttpContext http,
        JointWorkReports.JointWorkReportsClient client, CancellationToken ct)
    {
        if (subsidiaryId is { } id && !Caller.From(http.User).CanAccess(id)) return Problems.SubsidiaryNotFound();
        var request = new GetDecisionItemReportRequest { FromMonth = from?.Trim() ?? "", ToMonth = to?.Trim() ?? "" };
        if (subsidiaryId is { } s) request.SubsidiaryId = s.ToString();
        return Results.Ok(DecisionItemReportDto.From(await client.GetDecisionItemReportAsync(request, cancellationToken: ct)));
    }
}
