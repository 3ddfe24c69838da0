using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Alliances;

public sealed record MemberUnitDto(Guid Id, Guid? OrganizationId, Guid? SubsidiaryId, ExternalUnitDto? External, string Name, string JoinedOn, string? LeftOn)
{
    public static MemberUnitDto From(MemberUnit m) => new(Guid.Parse(m.Id),
        m.HasOrganizationId ? Guid.Parse(m.OrganizationId) : null, m.HasSubsidiaryId ? Guid.Parse(m.SubsidiaryId) : null,
        m.External is { } e ? ExternalUnitDto.From(e) : null, m.Name, m.JoinedOn, m.HasLeftOn ? m.LeftOn : null);
}

public sealed record TemporaryBranchDto(Guid OrganizationId, IReadOnlyList<Guid> MemberUnitIds);
public sealed record RotationPeriodDto(Guid MemberUnitId, string StartsOn, string EndsOn)
{
    public static RotationPeriodDto From(RotationPeriod p) => new(Guid.Parse(p.MemberUnitId), p.StartsOn, p.EndsOn);
}
public sealed record RotationDto(IReadOnlyList<Guid> Order, string StartsOn, int PeriodMonths, RotationPeriodDto? Current, RotationPeriodDto? Next, IReadOnlyList<RotationPeriodDto> Upcoming);

public sealed record AllianceDto(Guid Id, string Name, string Theme, Guid LeadOrganizationId, Guid LeadSubsidiaryId, string Plan,
    IReadOnlyList<MemberUnitDto> Members, TemporaryBranchDto? TemporaryBranch, RotationDto? Rotation, DateTimeOffset CreatedAt, long Version)
{
    public static AllianceDto From(PartyAlliance a) => new(Guid.Parse(a.Id), a.Name, a.Theme, Guid.Parse(a.LeadOrganizationId), Guid.Parse(a.LeadSubsidiaryId), a.Plan,
        a.Members.Select(MemberUnitDto.From).ToList(),
        a.TemporaryBranch is { } t ? new TemporaryBranchDto(Guid.Parse(t.OrganizationId), t.MemberUnitIds.Select(Guid.Parse).ToList()) : null,
        a.Rotation is { } r ? new RotationDto(r.Order.Select(Guid.Parse).ToList(), r.StartsOn, r.PeriodMonths,
            r.Current is { } c ? RotationPeriodDto.From(c) : null, r.Next is { } n ? RotationPeriodDto.From(n) : null,
            r.Upcoming.Select(RotationPeriodDto.From).ToList()) : null,
        a.CreatedAt.ToDateTimeOffset(), a.Version);
}

public sealed record FormAllianceBody(string? Name, string? Theme, Guid? LeadOrganizationId, string? Plan, string? FormedOn);
public sealed record ReviseAllianceBody(string? Name, string? Theme, string? Plan, long? ExpectedVersion);
public sealed record JoinAllianceBody(UnitBody? Unit, string? JoinedOn, long? ExpectedVersion);
public sealed record LeaveAllianceBody(string? LeftOn, long? ExpectedVersion);
public sealed record TemporaryBranchBody(Guid? OrganizationId, List<Guid>? MemberUnitIds, long? ExpectedVersion);
public sealed record RotationBody(List<Guid>? Order, string? StartsOn, int? PeriodMonths, long? ExpectedVersion);

public static class AllianceEndpoints
{
    public const int MaxNameLength = 100;
    public const int MaxThemeLength = 100;
    public const int MaxPlanLength = 20_000;
    public const int MaxPeriodMonths = 24;
    public static readonly string[] Sorts = ["name", "-name", "created", "-created"];

    public static RouteGroupBuilder MapAllianceEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/alliances").WithTags("Alliances");

        group.MapGet("/", ListAlliancesAsync).AllowPartners().WithName("ListAlliances");
        group.MapGet("/{id:guid}", GetAllianceAsync).AllowPartners().WithName("GetAlliance");
        group.MapPost("/", FormAllianceAsync).RequireAuthorization(Policies.Admin).WithName("FormAlliance");
        group.MapPut("/{id:guid}", ReviseAllianceAsync).RequireAuthorization(Policies.Admin).WithName("ReviseAlliance");
        group.MapPost("/{id:guid}/members", JoinAllianceAsync).RequireAuthorization(Policies.Admin).WithName("JoinAlliance");
        group.MapPost("/{id:guid}/members/{memberUnitId:guid}/leave", LeaveAllianceAsync).RequireAuthorization(Policies.Admin).WithName("LeaveAlliance");
        group.MapPut("/{id:guid}/temporary-branch", FormTemporaryBranchAsync).RequireAuthorization(Policies.Admin).WithName("FormTemporaryBranch");
        group.MapPut("/{id:guid}/rotation", ScheduleRotationAsync).RequireAuthorization(Policies.Admin).WithName("ScheduleRotation");

        return api;
    }

    public static async Task<IResult> ListAlliancesAsync(int? page, int? pageSize, string? search, string? theme, Guid? subsidiaryId, string? sort,
        AllianceService.AllianceServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Sort(errors, sort, Sorts);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await client.ListAlliancesAsync(new ListAlliancesRequest
        {
            Page = p, PageSize = size, Search = search ?? "", Theme = theme ?? "", SubsidiaryId = subsidiaryId?.ToString() ?? "", Sort = sort?.Trim() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<AllianceDto>(result.Items.Select(AllianceDto.From).ToList(), result.Total, p, size));
    }

    public static async Task<IResult> GetAllianceAsync(Guid id, AllianceService.AllianceServiceClient client, CancellationToken ct) =>
        Results.Ok(AllianceDto.From(await client.GetAllianceAsync(new GetAllianceRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> FormAllianceAsync(FormAllianceBody body, HttpContext http, AllianceService.AllianceServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "name", body.Name, MaxNameLength);
        Validate.Text(errors, "theme", body.Theme, MaxThemeLength);
        if (body.LeadOrganizationId is null) errors["leadOrganizationId"] = ["is required."];
        Units.Optional(errors, "plan", body.Plan, MaxPlanLength);
        Units.Date(errors, "formedOn", body.FormedOn);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.FormAllianceAsync(new FormAllianceRequest
        {
            Name = body.Name!.Trim(), Theme = body.Theme!.Trim(), LeadOrganizationId = body.LeadOrganizationId!.Value.ToString(),
            Plan = body.Plan?.Trim() ?? "", FormedOn = body.FormedOn!.Trim(), ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/alliances/{created.Id}", AllianceDto.From(created));
    }

    public static async Task<IResult> ReviseAllianceAsync(Guid id, ReviseAllianceBody body, AllianceService.AllianceServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "name", body.Name, MaxNameLength);
        Validate.Text(errors, "theme", body.Theme, MaxThemeLength);
        Units.Optional(errors, "plan", body.Plan, MaxPlanLength);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(AllianceDto.From(await client.ReviseAllianceAsync(new ReviseAllianceRequest
        {
            Id = id.ToString(), Name = body.Name!.Trim(), Theme = body.Theme!.Trim(), Plan = body.Plan?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> JoinAllianceAsync(Guid id, JoinAllianceBody body, HttpContext http, AllianceService.AllianceServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Check(errors, "unit", body.Unit);
        Units.Date(errors, "joinedOn", body.JoinedOn);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(AllianceDto.From(await client.JoinAllianceAsync(new JoinAllianceRequest
        {
            AllianceId = id.ToString(), Unit = Units.ToContract(body.Unit!), JoinedOn = body.JoinedOn!.Trim(),
            ExpectedVersion = body.ExpectedVersion ?? 0, ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> LeaveAllianceAsync(Guid id, Guid memberUnitId, LeaveAllianceBody body, AllianceService.AllianceServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Date(errors, "leftOn", body.LeftOn);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(AllianceDto.From(await client.LeaveAllianceAsync(new LeaveAllianceRequest
        {
            AllianceId = id.ToString(), MemberUnitId = memberUnitId.ToString(), LeftOn = body.LeftOn!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> FormTemporaryBranchAsync(Guid id, TemporaryBranchBody body, AllianceService.AllianceServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.OrganizationId is null) errors["organizationId"] = ["is required."];
        if (body.MemberUnitIds is not { Count: >= 2 }) errors["memberUnitIds"] = ["must list at least two member units."];
        else if (body.MemberUnitIds.Distinct().Count() != body.MemberUnitIds.Count) errors["memberUnitIds"] = ["lists a member unit twice."];
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new FormTemporaryBranchRequest { AllianceId = id.ToString(), OrganizationId = body.OrganizationId!.Value.ToString(), ExpectedVersion = body.ExpectedVersion ?? 0 };
        request.MemberUnitIds.AddRange(body.MemberUnitIds!.Select(u => u.ToString()));
        return Results.Ok(AllianceDto.From(await client.FormTemporaryBranchAsync(request, cancellationToken: ct)));
    }

    public static async Task<IResult> ScheduleRotationAsync(Guid id, RotationBody body, AllianceService.AllianceServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Order is not { Count: > 0 }) errors["order"] = ["must list the member units in turn."];
        else if (body.Order.Distinct().Count() != body.Order.Count) errors["order"] = ["lists a member unit twice."];
        Units.Date(errors, "startsOn", body.StartsOn);
        if (body.PeriodMonths is not (>= 1 and <= MaxPeriodMonths)) errors["periodMonths"] = [$"must be between 1 and {MaxPeriodMonths}."];
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new ScheduleRotationRequest
        {
            AllianceId = id.ToString(), StartsOn = body.StartsOn!.Trim(), PeriodMonths = body.PeriodMonths!.Value, ExpectedVersion = body.ExpectedVersion ?? 0,
        };
        request.Order.AddRange(body.Order!.Select(u => u.ToString()));
        return Results.Ok(AllianceDto.From(await client.ScheduleRotationAsync(request, cancellationToken: ct)));
    }
}
