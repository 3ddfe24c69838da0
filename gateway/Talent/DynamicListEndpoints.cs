using Alliance.Contracts.Talent.V1;
using Alliance.Gateway.Activities;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Talent;

/// <summary>
/// Dynamic lists (动态名单): the "50+50" lists and defined ones, their entries (nominate, review, list, reject, remove,
/// confirm, history) and re-evaluations. Administrators and secretaries only; the talent service decides the rest (its
/// DynamicListAccess).
/// </summary>
public static class DynamicListEndpoints
{
    public const int MaxNameLength = 100;
    public const int MaxCriteriaLength = 2000;
    public const int MaxReasonLength = 1000;
    public const int MaxPeriodLength = 30;
    public static readonly string[] States = ["nominated", "reviewed", "listed", "rejected", "removed"];
    public static readonly string[] EntrySorts = ["nominated", "name"];

    public static RouteGroupBuilder MapDynamicListEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/talent/lists").WithTags("Dynamic lists").RequireAuthorization(Policies.Planner);
        group.MapGet("/", ListListsAsync).WithName("ListTalentLists");
        group.MapPost("/", DefineListAsync).RequireAuthorization(Policies.Admin).WithName("DefineTalentList");
        group.MapGet("/{id:guid}", GetListAsync).WithName("GetTalentList");
        group.MapGet("/{id:guid}/entries", ListEntriesAsync).WithName("ListTalentListEntries");
        group.MapPost("/{id:guid}/entries", NominateAsync).WithName("NominateToTalentList");
        group.MapGet("/{id:guid}/entries/{entryId:guid}/history", GetEntryHistoryAsync).WithName("GetTalentListEntryHistory");
        group.MapPost("/{id:guid}/entries/{entryId:guid}/review", ReviewAsync).RequireAuthorization(Policies.Admin).WithName("ReviewTalentListEntry");
        group.MapPost("/{id:guid}/entries/{entryId:guid}/list", PlaceAsync).RequireAuthorization(Policies.Admin).WithName("PlaceOnTalentList");
        group.MapPost("/{id:guid}/entries/{entryId:guid}/reject", RejectAsync).RequireAuthorization(Policies.Admin).WithName("RejectTalentListEntry");
        group.MapPost("/{id:guid}/entries/{entryId:guid}/remove", RemoveAsync).RequireAuthorization(Policies.Admin).WithName("RemoveTalentListEntry");
        group.MapPost("/{id:guid}/entries/{entryId:guid}/confirm", ConfirmAsync).RequireAuthorization(Policies.Admin).WithName("ConfirmTalentListEntry");
        group.MapGet("/{id:guid}/re-evaluations", ListReevaluationsAsync).WithName("ListTalentListReevaluations");
        group.MapPost("/{id:guid}/re-evaluations", OpenReevaluationAsync).RequireAuthorization(Policies.Admin).WithName("OpenTalentListReevaluation");
        group.MapPost("/{id:guid}/re-evaluations/{reevaluationId:guid}/close", CloseReevaluationAsync).RequireAuthorization(Policies.Admin)
            .WithName("CloseTalentListReevaluation");
        return api;
    }

    public static async Task<IResult> ListListsAsync(int? page, int? pageSize, DynamicListService.DynamicListServiceClient client, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await client.ListListsAsync(new ListListsRequest { Page = p, PageSize = size }, cancellationToken: ct);
        return Results.Ok(new PagedList<TalentListDto>(result.Items.Select(TalentListDto.From).ToList(), result.Total, p, size));
    }

    public static async Task<IResult> DefineListAsync(ListBody body, HttpContext http, DynamicListService.DynamicListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "nameZh", body.NameZh, MaxNameLength);
        Validate.Text(errors, "nameEn", body.NameEn, MaxNameLength);
        var c = body.Criteria ?? new CriteriaBody(null, null, null, null, null, null);
        ProfileEndpoints.Optional(errors, "criteria.text", c.Text, MaxCriteriaLength);
        if (c.MaxAge is < 1 or > 100) errors["criteria.maxAge"] = ["must be between 1 and 100."];
        if (c.MinEducationLevel is { Length: > 0 } level && !ProfileEndpoints.EducationLevels.Contains(level.Trim()))
            errors["criteria.minEducationLevel"] = [$"must be one of {string.Join(", ", ProfileEndpoints.EducationLevels)}."];
        if (c.SizeLimitPerUnit is < 1 or > 10000) errors["criteria.sizeLimitPerUnit"] = ["must be between 1 and 10000."];
        if (c.ReevaluationMonths is < 1 or > 120) errors["criteria.reevaluationMonths"] = ["must be between 1 and 120."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.DefineListAsync(new DefineListRequest
        {
            NameZh = body.NameZh!.Trim(), NameEn = body.NameEn!.Trim(), SubsidiaryId = body.SubsidiaryId?.ToString() ?? "",
            ClientRequestId = Validate.IdempotencyKey(http),
            Criteria = new ListCriteria
            {
                Text = c.Text?.Trim() ?? "", MaxAge = c.MaxAge ?? 0, MinEducationLevel = c.MinEducationLevel?.Trim() ?? "",
                MustBePartyMember = c.MustBePartyMember ?? false, SizeLimitPerUnit = c.SizeLimitPerUnit ?? 0, ReevaluationMonths = c.ReevaluationMonths ?? 0,
            },
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/talent/lists/{created.Id}", TalentListDto.From(created));
    }

    public static async Task<IResult> GetListAsync(Guid id, DynamicListService.DynamicListServiceClient client, CancellationToken ct) =>
        Results.Ok(TalentListDto.From(await client.GetListAsync(new GetListRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> ListEntriesAsync(Guid id, [AsParameters] EntryQuery query, DynamicListService.DynamicListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.State is { } state && !States.Contains(state.Trim())) errors["state"] = [$"must be one of {string.Join(", ", States)}."];
        if (query.Sort is { } sort && !EntrySorts.Contains(sort.Trim())) errors["sort"] = [$"must be one of {string.Join(", ", EntrySorts)}."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListEntriesAsync(new ListEntriesRequest
        {
            ListId = id.ToString(), SubsidiaryId = query.SubsidiaryId?.ToString() ?? "", State = query.State?.Trim() ?? "",
            FlaggedOnly = query.FlaggedOnly ?? false, Sort = query.Sort?.Trim() ?? "", Page = page, PageSize = size,
        }, cancellationToken: ct);
        return Results.Ok(new EntryPageDto(result.Items.Select(ListEntryDto.From).ToList(), result.Total, page, size,
            result.Units.Select(u => new UnitCountDto(Guid.Parse(u.SubsidiaryId), u.Listed, u.Pending, u.Limit == 0 ? null : u.Limit)).ToList()));
    }

    public static async Task<IResult> NominateAsync(Guid id, NominationBody body, HttpContext http, DynamicListService.DynamicListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.PersonId is null) errors["personId"] = ["is required."];
        Validate.Text(errors, "reason", body.Reason, MaxReasonLength);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var entry = await client.NominateAsync(new NominateRequest
        {
            ListId = id.ToString(), PersonId = body.PersonId!.Value.ToString(), Reason = body.Reason!.Trim(), ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/talent/lists/{id}/entries/{entry.Id}/history", ListEntryDto.From(entry));
    }

    public static async Task<IResult> GetEntryHistoryAsync(Guid id, Guid entryId, DynamicListService.DynamicListServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.GetEntryHistoryAsync(new GetEntryHistoryRequest { ListId = id.ToString(), EntryId = entryId.ToString() }, cancellationToken: ct))
            .Items.Select(i => new EntryChangeDto(Guid.Parse(i.Id), i.Change, i.Reason, ActivityTimes.InGroupTime(i.ChangedAt.ToDateTimeOffset()),
                i.ChangedBy, i.ChangedByRole, i.Version)).ToList());

    public static Task<IResult> ReviewAsync(Guid id, Guid entryId, DecisionBody? body, DynamicListService.DynamicListServiceClient client, CancellationToken ct) =>
        DecideAsync(id, entryId, body, reasonRequired: false, r => client.ReviewEntryAsync(r, cancellationToken: ct).ResponseAsync);

    public static Task<IResult> PlaceAsync(Guid id, Guid entryId, DecisionBody? body, DynamicListService.DynamicListServiceClient client, CancellationToken ct) =>
        DecideAsync(id, entryId, body, reasonRequired: false, r => client.PlaceOnListAsync(r, cancellationToken: ct).ResponseAsync);

    public static Task<IResult> RejectAsync(Guid id, Guid entryId, DecisionBody? body, DynamicListService.DynamicListServiceClient client, CancellationToken ct) =>
        DecideAsync(id, entryId, body, reasonRequired: true, r => client.RejectEntryAsync(r, cancellationToken: ct).ResponseAsync);

    public static Task<IResult> RemoveAsync(Guid id, Guid entryId, DecisionBody? body, DynamicListService.DynamicListServiceClient client, CancellationToken ct) =>
        DecideAsync(id, entryId, body, reasonRequired: true, r => client.RemoveEntryAsync(r, cancellationToken: ct).ResponseAsync);

    public static Task<IResult> ConfirmAsync(Guid id, Guid entryId, DecisionBody? body, DynamicListService.DynamicListServiceClient client, CancellationToken ct) =>
        DecideAsync(id, entryId, body, reasonRequired: false, r => client.ConfirmEntryAsync(r, cancellationToken: ct).ResponseAsync);

    static async Task<IResult> DecideAsync(Guid id, Guid entryId, DecisionBody? body, bool reasonRequired, Func<EntryDecisionRequest, Task<ListEntry>> decide)
    {
        var errors = new Dictionary<string, string[]>();
        if (reasonRequired) Validate.Text(errors, "reason", body?.Reason, MaxReasonLength);
        else ProfileEndpoints.Optional(errors, "reason", body?.Reason, MaxReasonLength);
        if (body?.ExpectedVersion is < 1) errors["expectedVersion"] = ["must be a version the server returned (1 or more)."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ListEntryDto.From(await decide(new EntryDecisionRequest
        {
            ListId = id.ToString(), EntryId = entryId.ToString(), Reason = body?.Reason?.Trim() ?? "", ExpectedVersion = body?.ExpectedVersion ?? 0,
        })));
    }

    public static async Task<IResult> ListReevaluationsAsync(Guid id, int? page, int? pageSize, DynamicListService.DynamicListServiceClient client, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await client.ListReevaluationsAsync(new ListReevaluationsRequest { ListId = id.ToString(), Page = p, PageSize = size }, cancellationToken: ct);
        return Results.Ok(new PagedList<ReevaluationDto>(result.Items.Select(ReevaluationDto.From).ToList(), result.Total, p, size));
    }

    public static async Task<IResult> OpenReevaluationAsync(Guid id, ReevaluationBody body, HttpContext http, DynamicListService.DynamicListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "period", body.Period, MaxPeriodLength);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var opened = await client.OpenReevaluationAsync(new OpenReevaluationRequest
        {
            ListId = id.ToString(), Period = body.Period!.Trim(), SubsidiaryId = body.SubsidiaryId?.ToString() ?? "", ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/talent/lists/{id}/re-evaluations", ReevaluationDto.From(opened));
    }

    public static async Task<IResult> CloseReevaluationAsync(Guid id, Guid reevaluationId, DynamicListService.DynamicListServiceClient client, CancellationToken ct) =>
        Results.Ok(ReevaluationDto.From(await client.CloseReevaluationAsync(new CloseReevaluationRequest
        {
            ListId = id.ToString(), ReevaluationId = reevaluationId.ToString(),
        }, cancellationToken: ct)));
}
