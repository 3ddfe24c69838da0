using System.Globalization;
using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.OrganizationLife;

/// <summary>The board's query string: the subsidiary, an organization's subtree, the day or month, a state, a name, paging.</summary>
public sealed record BoardQuery(Guid? SubsidiaryId, Guid? OrganizationId, string? On, string? State, string? Search, int? Page, int? PageSize);

/// <summary>
/// Organization life (三会一课): the meeting rules administrators keep, and the boards of an organization and of a
/// subsidiary or subtree (due, done, overdue per rule and period). The activity service decides who sees and changes what.
/// </summary>
public static class OrganizationLifeEndpoints
{
    public const int MaxNameLength = 100;
    public const int MaxTypes = 10;
    public const int MaxRemindDaysBefore = 90;
    public static readonly string[] Kinds = ["committee", "general-branch", "branch"];
    public static readonly string[] Periods = ["monthly", "quarterly", "half-yearly", "yearly"];
    public static readonly string[] States = ["due", "done", "overdue"];

    public static RouteGroupBuilder MapOrganizationLifeEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organization-life").WithTags("Organization life");
        group.MapGet("/rules", ListMeetingRulesAsync).WithName("ListMeetingRules");
        group.MapPost("/rules", CreateMeetingRuleAsync).RequireAuthorization(Policies.Admin).WithName("CreateMeetingRule");
        group.MapPut("/rules/{id:guid}", ReviseMeetingRuleAsync).RequireAuthorization(Policies.Admin).WithName("ReviseMeetingRule");
        group.MapGet("/rules/{id:guid}/history", GetMeetingRuleHistoryAsync).WithName("GetMeetingRuleHistory");
        group.MapGet("/organizations/{id:guid}", GetOrganizationBoardAsync).WithName("GetOrganizationLifeBoard");
        group.MapGet("/boards", ListOrganizationBoardsAsync).WithName("ListOrganizationLifeBoards");
        return api;
    }

    public static async Task<IResult> ListMeetingRulesAsync(bool? includeRetired, OrganizationLifeService.OrganizationLifeServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.ListMeetingRulesAsync(new ListMeetingRulesRequest { IncludeRetired = includeRetired ?? false }, cancellationToken: ct))
            .Items.Select(MeetingRuleDto.From).ToList());

    public static async Task<IResult> CreateMeetingRuleAsync(MeetingRuleBody body, HttpContext http, OrganizationLifeService.OrganizationLifeServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var types = Check(errors, body);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new CreateMeetingRuleRequest
        {
            SubsidiaryId = body.SubsidiaryId?.ToString() ?? "", OrganizationKind = body.OrganizationKind!.Trim(), NameZh = body.NameZh!.Trim(),
            NameEn = body.NameEn!.Trim(), Period = body.Period!.Trim(), RemindDaysBefore = body.RemindDaysBefore!.Value, ClientRequestId = Validate.IdempotencyKey(http),
        };
        request.ActivityTypeIds.AddRange(types);
        var created = await client.CreateMeetingRuleAsync(request, cancellationToken: ct);
        return Results.Created($"/api/v1/organization-life/rules/{created.Id}", MeetingRuleDto.From(created));
    }

    public static async Task<IResult> ReviseMeetingRuleAsync(Guid id, MeetingRuleBody body, OrganizationLifeService.OrganizationLifeServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var types = Check(errors, body);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new ReviseMeetingRuleRequest
        {
            Id = id.ToString(), OrganizationKind = body.OrganizationKind!.Trim(), NameZh = body.NameZh!.Trim(), NameEn = body.NameEn!.Trim(),
            Period = body.Period!.Trim(), RemindDaysBefore = body.RemindDaysBefore!.Value, Retired = body.Retired ?? false, ExpectedVersion = body.ExpectedVersion ?? 0,
        };
        request.ActivityTypeIds.AddRange(types);
        return Results.Ok(MeetingRuleDto.From(await client.ReviseMeetingRuleAsync(request, cancellationToken: ct)));
    }

    public static async Task<IResult> GetMeetingRuleHistoryAsync(Guid id, OrganizationLifeService.OrganizationLifeServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.GetMeetingRuleHistoryAsync(new GetMeetingRuleHistoryRequest { Id = id.ToString() }, cancellationToken: ct))
            .Changes.Select(MeetingRuleChangeDto.From).ToList());

    public static async Task<IResult> GetOrganizationBoardAsync(Guid id, string? on, OrganizationLifeService.OrganizationLifeServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Day(errors, on);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(OrganizationBoardDto.From(await client.GetOrganizationBoardAsync(
            new GetOrganizationBoardRequest { OrganizationId = id.ToString(), On = on?.Trim() ?? "" }, cancellationToken: ct)));
    }

    public static async Task<IResult> ListOrganizationBoardsAsync([AsParameters] BoardQuery query, OrganizationLifeService.OrganizationLifeServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.SubsidiaryId is null) errors["subsidiaryId"] = ["is required."];
        Day(errors, query.On);
        OneOf(errors, "state", query.State, States, required: false);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var request = new ListOrganizationBoardsRequest
        {
            SubsidiaryId = query.SubsidiaryId!.Value.ToString(), On = query.On?.Trim() ?? "", State = query.State?.Trim().ToLowerInvariant() ?? "",
            Search = query.Search?.Trim() ?? "", Page = page, PageSize = size,
        };
        if (query.OrganizationId is { } root) request.OrganizationId = root.ToString();
        var result = await client.ListOrganizationBoardsAsync(request, cancellationToken: ct);
        return Results.Ok(new OrganizationBoardsDto(result.Items.Select(OrganizationBoardDto.From).ToList(), result.Total, page, size, result.Today,
            result.Organizations, result.Due, result.Done, result.Overdue));
    }

    static List<string> Check(Dictionary<string, string[]> errors, MeetingRuleBody body)
    {
        OneOf(errors, "organizationKind", body.OrganizationKind, Kinds, required: true);
        Validate.Text(errors, "nameZh", body.NameZh, MaxNameLength);
        Validate.Text(errors, "nameEn", body.NameEn, MaxNameLength);
        OneOf(errors, "period", body.Period, Periods, required: true);
        var types = new List<string>();
        if (body.ActivityTypeIds is not { Count: > 0 }) errors["activityTypeIds"] = ["name at least one activity type that counts as holding the meeting."];
        else if (body.ActivityTypeIds.Count > MaxTypes) errors["activityTypeIds"] = [$"at most {MaxTypes} activity types."];
        else if (body.ActivityTypeIds.Any(t => !Guid.TryParse(t, out _))) errors["activityTypeIds"] = ["must be activity type ids."];
        else types.AddRange(body.ActivityTypeIds.Select(t => Guid.Parse(t!).ToString()));
        if (body.RemindDaysBefore is null) errors["remindDaysBefore"] = ["is required."];
        else if (body.RemindDaysBefore is < 0 or > MaxRemindDaysBefore) errors["remindDaysBefore"] = [$"must be between 0 and {MaxRemindDaysBefore} days."];
        return types;
    }

    static void OneOf(Dictionary<string, string[]> errors, string field, string? value, string[] allowed, bool required)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) errors[field] = ["is required."]; }
        else if (!allowed.Contains(value.Trim().ToLowerInvariant())) errors[field] = [$"must be one of: {string.Join(", ", allowed)}."];
    }

    /// <summary>A day (yyyy-MM-dd) or a month (yyyy-MM) of the group's calendar; empty is today.</summary>
    static void Day(Dictionary<string, string[]> errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        var text = value.Trim();
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors["on"] = ["must be a day (yyyy-MM-dd) or a month (yyyy-MM)."];
    }
}
