using System.Globalization;
using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Lists;

/// <summary>
/// The problem list (问题清单) and matching a problem with offers (对接). The activity service decides who sees and changes
/// what (its ListAccess); members (role member) are refused here, partners let through for their alliances.
/// </summary>
public static class ProblemEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxNeedLength = 4_000;
    public const int MaxTags = 12;
    public const int MaxTagLength = 30;
    public const int MaxReasonLength = 500;
    public const int MaxNoteLength = 1_000;
    public const int MaxTop = 50;
    public static readonly string[] Sorts = ["-posted", "posted", "wanted-by", "-wanted-by", "urgency", "title"];

    public static RouteGroupBuilder MapProblemEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/problems").WithTags("Problem list").RequireAuthorization(Policies.ItemOwner);
        group.MapGet("/", ListProblemsAsync).AllowPartners().WithName("ListProblems");
        group.MapPost("/", PostProblemAsync).AllowPartners().WithName("PostProblem");
        group.MapGet("/{id:guid}", GetProblemAsync).AllowPartners().WithName("GetProblem");
        group.MapPut("/{id:guid}", ReviseProblemAsync).AllowPartners().WithName("ReviseProblem");
        group.MapPost("/{id:guid}/withdraw", WithdrawProblemAsync).AllowPartners().WithName("WithdrawProblem");
        group.MapGet("/{id:guid}/history", GetProblemHistoryAsync).WithName("GetProblemHistory");
        group.MapGet("/{id:guid}/matches", RankMatchesAsync).AllowPartners().WithName("RankProblemMatches");
        group.MapGet("/{id:guid}/proposals", ListProposalsAsync).AllowPartners().WithName("ListProblemMatches");
        group.MapPost("/{id:guid}/proposals", ProposeMatchAsync).AllowPartners().WithName("ProposeMatch");
        return api;
    }

    public static async Task<IResult> ListProblemsAsync([AsParameters] ProblemListQuery query, ProblemListService.ProblemListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Sort(errors, query.Sort, Sorts);
        ListWords.OneOf(errors, "category", query.Category, ListWords.Categories);
        ListWords.OneOf(errors, "state", query.State, ListWords.ProblemStates);
        Units.Optional(errors, "tag", query.Tag, MaxTagLength);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListProblemsAsync(new ListProblemsRequest
        {
            Page = page, PageSize = size, Search = query.Search?.Trim() ?? "", Tag = query.Tag?.Trim() ?? "", Category = query.Category?.Trim() ?? "",
            State = query.State?.Trim() ?? "", AllianceId = query.AllianceId?.ToString() ?? "", MemberUnitId = query.MemberUnitId?.ToString() ?? "",
            Sort = query.Sort?.Trim() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<ProblemDto>(result.Items.Select(ProblemDto.From).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> PostProblemAsync(ProblemBody body, HttpContext http, ProblemListService.ProblemListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var details = Details(errors, body);
        if (body.AllianceId is null) errors["allianceId"] = ["is required."];
        if (body.MemberUnitId is null) errors["memberUnitId"] = ["is required."];
        if (body.ExpectedVersion is not null) errors["expectedVersion"] = ["is not taken when posting."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.PostProblemAsync(new PostProblemRequest
        {
            AllianceId = body.AllianceId!.Value.ToString(), MemberUnitId = body.MemberUnitId!.Value.ToString(), Details = details,
            ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/problems/{created.Id}", ProblemDto.From(created));
    }

    public static async Task<IResult> GetProblemAsync(Guid id, ProblemListService.ProblemListServiceClient client, CancellationToken ct) =>
        Results.Ok(ProblemDto.From(await client.GetProblemAsync(new GetProblemRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> ReviseProblemAsync(Guid id, ProblemBody body, ProblemListService.ProblemListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var details = Details(errors, body);
        Units.Version(errors, body.ExpectedVersion);
        if (body.AllianceId is not null || body.MemberUnitId is not null) errors["allianceId"] = ["A problem stays with the alliance and unit it was posted for."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ProblemDto.From(await client.ReviseProblemAsync(new ReviseProblemRequest
        {
            Id = id.ToString(), Details = details, ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> WithdrawProblemAsync(Guid id, WithdrawProblemBody body, ProblemListService.ProblemListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "reason", body.Reason, MaxReasonLength);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ProblemDto.From(await client.WithdrawProblemAsync(new WithdrawProblemRequest
        {
            Id = id.ToString(), Reason = body.Reason!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> GetProblemHistoryAsync(Guid id, ProblemListService.ProblemListServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.GetProblemHistoryAsync(new GetProblemHistoryRequest { Id = id.ToString() }, cancellationToken: ct))
            .Changes.Select(c => new ActivityChangeDto(Guid.Parse(c.Id), c.Kind, c.Version, ActivityTimes.InGroupTime(c.ChangedAt.ToDateTimeOffset()),
                c.ChangedBy, c.ChangedByRole, c.Changes.Select(f => new FieldChangeDto(f.Field, f.OldValue, f.NewValue)).ToList())).ToList());

    /// <summary>The offers that best answer the problem, ranked, each part of the score explained in both languages.</summary>
    public static async Task<IResult> RankMatchesAsync(Guid id, int? top, MatchService.MatchServiceClient client, CancellationToken ct)
    {
        if (top is < 1 or > MaxTop) return Results.ValidationProblem(new Dictionary<string, string[]> { ["top"] = [$"must be from 1 to {MaxTop}."] });
        return Results.Ok(RankedMatchesDto.From(await client.RankMatchesAsync(new RankMatchesRequest { ProblemId = id.ToString(), Top = top ?? 0 },
            cancellationToken: ct)));
    }

    public static async Task<IResult> ListProposalsAsync(Guid id, MatchService.MatchServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.ListMatchesAsync(new ListMatchesRequest { ProblemId = id.ToString() }, cancellationToken: ct)).Items.Select(MatchDto.From).ToList());

    public static async Task<IResult> ProposeMatchAsync(Guid id, ProposeMatchBody body, HttpContext http, MatchService.MatchServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.OfferId is null) errors["offerId"] = ["is required."];
        Units.Optional(errors, "note", body.Note, MaxNoteLength);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var match = await client.ProposeMatchAsync(new ProposeMatchRequest
        {
            ProblemId = id.ToString(), OfferId = body.OfferId!.Value.ToString(), Note = body.Note?.Trim() ?? "", ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/matches/{match.Id}", MatchDto.From(match));
    }

    static ProblemDetails Details(Dictionary<string, string[]> errors, ProblemBody body)
    {
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        Validate.Text(errors, "need", body.Need, MaxNeedLength);
        ListWords.OneOf(errors, "category", body.Category, ListWords.Categories, required: true);
        ListWords.OneOf(errors, "urgency", body.Urgency, ListWords.Urgencies);
        var tags = Tags(errors, "tags", body.Tags);
        var wantedBy = body.WantedBy?.Trim() ?? "";
        if (wantedBy.Length > 0 && !DateOnly.TryParseExact(wantedBy, Units.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors["wantedBy"] = [$"must be a date as {Units.DateFormat}."];
        var details = new ProblemDetails
        {
            Title = body.Title?.Trim() ?? "", Need = body.Need?.Trim() ?? "", Category = body.Category?.Trim() ?? "", Urgency = body.Urgency?.Trim() ?? "",
            WantedBy = wantedBy,
        };
        details.Tags.AddRange(tags);
        return details;
    }

    internal static List<string> Tags(Dictionary<string, string[]> errors, string field, List<string?>? tags)
    {
        var clean = (tags ?? []).Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).ToList();
        if (clean.Count > MaxTags) errors[field] = [$"must be at most {MaxTags}."];
        else if (clean.Any(t => t.Length > MaxTagLength)) errors[field] = [$"each must be at most {MaxTagLength} characters."];
        return clean;
    }
}
