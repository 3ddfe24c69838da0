using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Projects;

namespace Alliance.Gateway.Cooperation;

/// <summary>A cooperation agreement's details on registration: status negotiating (default) or signed (then with signedOn).</summary>
public sealed record AgreementBody(Guid? AllianceId, string? Title, string? Content, List<Guid?>? MemberUnitIds, string? Status, string? SignedOn,
    decimal? ValueAmount, string? ValueUnit);

public sealed record AgreementStatusBody(string? Status, string? SignedOn, long? ExpectedVersion);

public sealed record AgreementPartyDto(Guid MemberUnitId, string Name, bool External);

public sealed record AgreementDto(Guid Id, Guid AllianceId, string AllianceName, string Title, string? Content, IReadOnlyList<AgreementPartyDto> Parties,
    string? SignedOn, decimal? ValueAmount, string? ValueUnit, string Status, Guid SubsidiaryId, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset UpdatedAt, string UpdatedBy, long Version, bool CanChange)
{
    public static AgreementDto From(CooperationAgreement a) => new(Guid.Parse(a.Id), Guid.Parse(a.AllianceId), a.AllianceName, a.Title,
        a.Content.Length == 0 ? null : a.Content, a.Parties.Select(p => new AgreementPartyDto(Guid.Parse(p.MemberUnitId), p.Name, p.External)).ToList(),
        a.SignedOn.Length == 0 ? null : a.SignedOn, ProjectDto.Number(a.ValueAmount), a.ValueUnit.Length == 0 ? null : a.ValueUnit, a.Status,
        Guid.Parse(a.SubsidiaryId), ActivityTimes.InGroupTime(a.CreatedAt.ToDateTimeOffset()), a.CreatedBy,
        ActivityTimes.InGroupTime(a.UpdatedAt.ToDateTimeOffset()), a.UpdatedBy, a.Version, a.CanChange);
}

public sealed record AgreementCountsDto(Guid AllianceId, int Total, IReadOnlyDictionary<string, int> ByStatus);

public sealed record AgreementListQuery(int? Page, int? PageSize, string? Search, Guid? AllianceId, string? Status, string? Sort);

/// <summary>
/// Cooperation agreements (合作项目) between member units of an alliance, and their count per status for an alliance.
/// The activity service decides who sees and changes what (its JointWorkAccess); partners are not let in (ADR 41).
/// </summary>
public static class CooperationEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxContentLength = 4000;
    public const int MaxParties = 30;
    public static readonly string[] Statuses = ["negotiating", "signed", "in-execution", "completed", "terminated"];
    public static readonly string[] Sorts = ["updated", "-updated", "signed", "-signed", "title", "-title"];

    public static RouteGroupBuilder MapCooperationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cooperation-agreements").WithTags("Cooperation agreements");
        group.MapGet("/", ListAgreementsAsync).WithName("ListCooperationAgreements");
        group.MapPost("/", CreateAgreementAsync).RequireAuthorization(Policies.Planner).WithName("CreateCooperationAgreement");
        group.MapGet("/{id:guid}", GetAgreementAsync).WithName("GetCooperationAgreement");
        group.MapGet("/{id:guid}/history", GetAgreementHistoryAsync).WithName("GetCooperationAgreementHistory");
        group.MapPost("/{id:guid}/status", ChangeStatusAsync).RequireAuthorization(Policies.Planner).WithName("ChangeCooperationAgreementStatus");
        api.MapGet("/alliances/{id:guid}/cooperation-agreements/counts", CountAgreementsAsync).WithTags("Cooperation agreements")
            .WithName("CountCooperationAgreements");
        return api;
    }

    public static async Task<IResult> ListAgreementsAsync([AsParameters] AgreementListQuery query, CooperationAgreementService.CooperationAgreementServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Sort(errors, query.Sort, Sorts);
        ProjectEndpoints.OneOf(errors, "status", query.Status, Statuses, required: false);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListAgreementsAsync(new ListAgreementsRequest
        {
            Page = page, PageSize = size, Search = query.Search?.Trim() ?? "", AllianceId = query.AllianceId?.ToString() ?? "",
            Status = query.Status?.Trim() ?? "", Sort = query.Sort?.Trim() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<AgreementDto>(result.Items.Select(AgreementDto.From).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> CreateAgreementAsync(AgreementBody body, HttpContext http, CooperationAgreementService.CooperationAgreementServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.AllianceId is null) errors["allianceId"] = ["is required."];
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        Units.Optional(errors, "content", body.Content, MaxContentLength);
        var units = body.MemberUnitIds ?? [];
        if (units.Count < 2) errors["memberUnitIds"] = ["An agreement is between at least two member units."];
        else if (units.Count > MaxParties) errors["memberUnitIds"] = [$"must name at most {MaxParties} units."];
        else if (units.Where(u => u is not null).GroupBy(u => u).Any(g => g.Count() > 1)) errors["memberUnitIds"] = ["names a unit twice."];
        for (var i = 0; i < units.Count; i++) if (units[i] is null) errors[$"memberUnitIds[{i}]"] = ["must be an id."];
        ProjectEndpoints.OneOf(errors, "status", body.Status, ["negotiating", "signed"], required: false);
        if (!string.IsNullOrWhiteSpace(body.SignedOn)) Units.Date(errors, "signedOn", body.SignedOn);
        if (body.Status?.Trim() == "signed" && string.IsNullOrWhiteSpace(body.SignedOn)) errors["signedOn"] = ["is required to register a signed agreement."];
        ProjectEndpoints.OneOf(errors, "valueUnit", body.ValueUnit, ProjectEndpoints.MeasureUnits, required: body.ValueAmount is not null);
        if (body.ValueAmount is null && !string.IsNullOrWhiteSpace(body.ValueUnit)) errors["valueAmount"] = ["is required with a unit."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var details = new AgreementDetails
        {
            AllianceId = body.AllianceId!.Value.ToString(), Title = body.Title!.Trim(), Content = body.Content?.Trim() ?? "", SignedOn = body.SignedOn?.Trim() ?? "",
            ValueAmount = ProjectEndpoints.Text(body.ValueAmount), ValueUnit = body.ValueUnit?.Trim() ?? "",
        };
        details.MemberUnitIds.AddRange(units.Select(u => u!.Value.ToString()));
        var created = await client.CreateAgreementAsync(new CreateAgreementRequest
        {
            Details = details, Status = body.Status?.Trim() ?? "", ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/cooperation-agreements/{created.Id}", AgreementDto.From(created));
    }

    public static async Task<IResult> GetAgreementAsync(Guid id, CooperationAgreementService.CooperationAgreementServiceClient client, CancellationToken ct) =>
        Results.Ok(AgreementDto.From(await client.GetAgreementAsync(new GetAgreementRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> GetAgreementHistoryAsync(Guid id, CooperationAgreementService.CooperationAgreementServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.GetAgreementHistoryAsync(new GetAgreementHistoryRequest { Id = id.ToString() }, cancellationToken: ct))
            .Changes.Select(c => new ActivityChangeDto(Guid.Parse(c.Id), c.Kind, c.Version, ActivityTimes.InGroupTime(c.ChangedAt.ToDateTimeOffset()),
                c.ChangedBy, c.ChangedByRole, c.Changes.Select(f => new FieldChangeDto(f.Field, f.OldValue, f.NewValue)).ToList())).ToList());

    public static async Task<IResult> ChangeStatusAsync(Guid id, AgreementStatusBody body, CooperationAgreementService.CooperationAgreementServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        ProjectEndpoints.OneOf(errors, "status", body.Status, Statuses, required: true);
        if (!string.IsNullOrWhiteSpace(body.SignedOn)) Units.Date(errors, "signedOn", body.SignedOn);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(AgreementDto.From(await client.ChangeAgreementStatusAsync(new ChangeAgreementStatusRequest
        {
            Id = id.ToString(), Status = body.Status!.Trim(), SignedOn = body.SignedOn?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> CountAgreementsAsync(Guid id, CooperationAgreementService.CooperationAgreementServiceClient client, CancellationToken ct)
    {
        var counts = await client.CountAgreementsAsync(new CountAgreementsRequest { AllianceId = id.ToString() }, cancellationToken: ct);
        return Results.Ok(new AgreementCountsDto(id, counts.Total, counts.ByStatus.ToDictionary(c => c.Status, c => c.Count)));
    }
}
