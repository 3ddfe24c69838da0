using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Projects;

public sealed record PracticalProjectBody(Guid? AllianceId, Guid? MemberUnitId, string? Title, string? Description, string? BeneficiaryKind,
    string? Beneficiaries, int? BeneficiaryCount, string? DoneOn);

public sealed record PracticalProjectDto(Guid Id, Guid AllianceId, string AllianceName, Guid MemberUnitId, string UnitName, string Title, string? Description,
    string BeneficiaryKind, string Beneficiaries, int BeneficiaryCount, string DoneOn, Guid SubsidiaryId, DateTimeOffset PublishedAt, string PublishedBy)
{
    public static PracticalProjectDto From(PracticalProject p) => new(Guid.Parse(p.Id), Guid.Parse(p.AllianceId), p.AllianceName, Guid.Parse(p.MemberUnitId),
        p.UnitName, p.Title, p.Description.Length == 0 ? null : p.Description, p.BeneficiaryKind, p.Beneficiaries, p.BeneficiaryCount, p.DoneOn,
        Guid.Parse(p.SubsidiaryId), ActivityTimes.InGroupTime(p.PublishedAt.ToDateTimeOffset()), p.PublishedBy);
}

/// <summary>A page of practical projects with the number of beneficiaries of every project the filter matched.</summary>
public sealed record PracticalProjectPage(IReadOnlyList<PracticalProjectDto> Items, int Total, int Page, int PageSize, long BeneficiaryTotal);

public sealed record PracticalProjectListQuery(int? Page, int? PageSize, string? Search, Guid? AllianceId, string? BeneficiaryKind, string? Sort);

public sealed record SharedResultBody(Guid? AllianceId, Guid? MemberUnitId, string? Kind, string? Title, string? Description, string? SharedOn);

public sealed record ReuseBody(Guid? MemberUnitId, string? ReusedOn, string? How);

public sealed record ResultReuseDto(Guid Id, Guid MemberUnitId, string UnitName, string ReusedOn, string How, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record SharedResultDto(Guid Id, Guid AllianceId, string AllianceName, Guid MemberUnitId, string UnitName, string Kind, string Title,
    string? Description, string SharedOn, Guid SubsidiaryId, IReadOnlyList<ResultReuseDto> Reuses, int ReuseCount, DateTimeOffset PublishedAt,
    string PublishedBy, bool CanRecordReuse)
{
    public static SharedResultDto From(SharedResult r) => new(Guid.Parse(r.Id), Guid.Parse(r.AllianceId), r.AllianceName, Guid.Parse(r.MemberUnitId),
        r.UnitName, r.Kind, r.Title, r.Description.Length == 0 ? null : r.Description, r.SharedOn, Guid.Parse(r.SubsidiaryId),
        r.Reuses.Select(x => new ResultReuseDto(Guid.Parse(x.Id), Guid.Parse(x.MemberUnitId), x.UnitName, x.ReusedOn, x.How, x.RecordedBy,
            ActivityTimes.InGroupTime(x.RecordedAt.ToDateTimeOffset()))).ToList(),
        r.ReuseCount, ActivityTimes.InGroupTime(r.PublishedAt.ToDateTimeOffset()), r.PublishedBy, r.CanRecordReuse);
}

public sealed record SharedResultListQuery(int? Page, int? PageSize, string? Search, Guid? AllianceId, string? Kind, string? Sort);

/// <summary>
/// Practical projects (办实事) and shared results (成果共享) of alliances' member units, with the reuses of results. The
/// activity service decides who sees and registers what (its JointWorkAccess); partners are not let in (ADR 41).
/// </summary>
public static class PracticalProjectEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxBeneficiariesLength = 500;
    public const int MaxBeneficiaryCount = 10_000_000;
    public const int MaxHowLength = 1000;
    public static readonly string[] BeneficiaryKinds = ["residents", "elderly", "children", "students", "workers", "enterprises", "patients", "others"];
    public static readonly string[] ResultKinds = ["method", "course", "venue", "mechanism", "case", "tool"];
    public static readonly string[] PracticalSorts = ["done", "-done", "beneficiaries", "-beneficiaries"];
    public static readonly string[] ResultSorts = ["shared", "-shared", "reuses", "-reuses", "title"];

    public static RouteGroupBuilder MapPracticalProjectEndpoints(this RouteGroupBuilder api)
    {
        var practical = api.MapGroup("/practical-projects").WithTags("Practical projects");
        practical.MapGet("/", ListPracticalProjectsAsync).WithName("ListPracticalProjects");
        practical.MapPost("/", RegisterPracticalProjectAsync).RequireAuthorization(Policies.Planner).WithName("RegisterPracticalProject");
        practical.MapGet("/{id:guid}", GetPracticalProjectAsync).WithName("GetPracticalProject");
        var results = api.MapGroup("/shared-results").WithTags("Shared results");
        results.MapGet("/", ListSharedResultsAsync).WithName("ListSharedResults");
        results.MapPost("/", ShareResultAsync).RequireAuthorization(Policies.Planner).WithName("ShareResult");
        results.MapGet("/{id:guid}", GetSharedResultAsync).WithName("GetSharedResult");
        results.MapPost("/{id:guid}/reuses", RecordReuseAsync).RequireAuthorization(Policies.Planner).WithName("RecordResultReuse");
        return api;
    }

    public static async Task<IResult> ListPracticalProjectsAsync([AsParameters] PracticalProjectListQuery query,
        PracticalProjectService.PracticalProjectServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Sort(errors, query.Sort, PracticalSorts);
        ProjectEndpoints.OneOf(errors, "beneficiaryKind", query.BeneficiaryKind, BeneficiaryKinds, required: false);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListPracticalProjectsAsync(new ListPracticalProjectsRequest
        {
            Page = page, PageSize = size, Search = query.Search?.Trim() ?? "", AllianceId = query.AllianceId?.ToString() ?? "",
            BeneficiaryKind = query.BeneficiaryKind?.Trim() ?? "", Sort = query.Sort?.Trim() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PracticalProjectPage(result.Items.Select(PracticalProjectDto.From).ToList(), result.Total, page, size, result.BeneficiaryTotal));
    }

    public static async Task<IResult> RegisterPracticalProjectAsync(PracticalProjectBody body, HttpContext http,
        PracticalProjectService.PracticalProjectServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.AllianceId is null) errors["allianceId"] = ["is required."];
        if (body.MemberUnitId is null) errors["memberUnitId"] = ["is required."];
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        Units.Optional(errors, "description", body.Description, MaxDescriptionLength);
        ProjectEndpoints.OneOf(errors, "beneficiaryKind", body.BeneficiaryKind, BeneficiaryKinds, required: true);
        Validate.Text(errors, "beneficiaries", body.Beneficiaries, MaxBeneficiariesLength);
        if (body.BeneficiaryCount is null) errors["beneficiaryCount"] = ["is required."];
        else if (body.BeneficiaryCount is < 1 or > MaxBeneficiaryCount) errors["beneficiaryCount"] = [$"must be between 1 and {MaxBeneficiaryCount}."];
        Units.Date(errors, "doneOn", body.DoneOn);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.RegisterPracticalProjectAsync(new RegisterPracticalProjectRequest
        {
            Details = new PracticalProjectDetails
            {
                AllianceId = body.AllianceId!.Value.ToString(), MemberUnitId = body.MemberUnitId!.Value.ToString(), Title = body.Title!.Trim(),
                Description = body.Description?.Trim() ?? "", BeneficiaryKind = body.BeneficiaryKind!.Trim(), Beneficiaries = body.Beneficiaries!.Trim(),
                BeneficiaryCount = body.BeneficiaryCount!.Value, DoneOn = body.DoneOn!.Trim(),
            },
            ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/practical-projects/{created.Id}", PracticalProjectDto.From(created));
    }

    public static async Task<IResult> GetPracticalProjectAsync(Guid id, PracticalProjectService.PracticalProjectServiceClient client, CancellationToken ct) =>
        Results.Ok(PracticalProjectDto.From(await client.GetPracticalProjectAsync(new GetPracticalProjectRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> ListSharedResultsAsync([AsParameters] SharedResultListQuery query, SharedResultService.SharedResultServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Sort(errors, query.Sort, ResultSorts);
        ProjectEndpoints.OneOf(errors, "kind", query.Kind, ResultKinds, required: false);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListSharedResultsAsync(new ListSharedResultsRequest
        {
            Page = page, PageSize = size, Search = query.Search?.Trim() ?? "", AllianceId = query.AllianceId?.ToString() ?? "",
            Kind = query.Kind?.Trim() ?? "", Sort = query.Sort?.Trim() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<SharedResultDto>(result.Items.Select(SharedResultDto.From).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> ShareResultAsync(SharedResultBody body, HttpContext http, SharedResultService.SharedResultServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.AllianceId is null) errors["allianceId"] = ["is required."];
        if (body.MemberUnitId is null) errors["memberUnitId"] = ["is required."];
        ProjectEndpoints.OneOf(errors, "kind", body.Kind, ResultKinds, required: true);
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        Units.Optional(errors, "description", body.Description, MaxDescriptionLength);
        if (!string.IsNullOrWhiteSpace(body.SharedOn)) Units.Date(errors, "sharedOn", body.SharedOn);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.ShareResultAsync(new ShareResultRequest
        {
            Details = new SharedResultDetails
            {
                AllianceId = body.AllianceId!.Value.ToString(), MemberUnitId = body.MemberUnitId!.Value.ToString(), Kind = body.Kind!.Trim(),
                Title = body.Title!.Trim(), Description = body.Description?.Trim() ?? "", SharedOn = body.SharedOn?.Trim() ?? "",
            },
            ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/shared-results/{created.Id}", SharedResultDto.From(created));
    }

    public static async Task<IResult> GetSharedResultAsync(Guid id, SharedResultService.SharedResultServiceClient client, CancellationToken ct) =>
        Results.Ok(SharedResultDto.From(await client.GetSharedResultAsync(new GetSharedResultRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> RecordReuseAsync(Guid id, ReuseBody body, HttpContext http, SharedResultService.SharedResultServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.MemberUnitId is null) errors["memberUnitId"] = ["is required."];
        Units.Date(errors, "reusedOn", body.ReusedOn);
        Validate.Text(errors, "how", body.How, MaxHowLength);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var result = await client.RecordReuseAsync(new RecordReuseRequest
        {
            ResultId = id.ToString(), MemberUnitId = body.MemberUnitId!.Value.ToString(), ReusedOn = body.ReusedOn!.Trim(), How = body.How!.Trim(),
            ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/shared-results/{id}", SharedResultDto.From(result));
    }
}
