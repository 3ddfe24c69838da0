using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Meetings;

namespace Alliance.Gateway.Supervision;

/// <summary>
/// Decision items (决议事项) and their supervision (督办): the board by colour and owner, an item with its history, and
/// the owner's progress and claim, the supervising unit's verification, rejection and cancellation. The activity service
/// decides who may do what and which transitions are allowed (409 for a refused one). Partners read, report progress on
/// and claim their own unit's items (ADR 35).
/// </summary>
public static class DecisionItemEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxCriteriaLength = 2_000;
    public const int MaxPersonLength = 100;
    public const int MaxNoteLength = 4_000;
    public const int MaxReasonLength = 500;
    public const int MaxMilestones = 20;
    public const int MaxLinks = 10;
    public const int MaxLinkLength = 500;
    public const int MaxDueSoonDays = 60;

    public static RouteGroupBuilder MapDecisionItemEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/decision-items").WithTags("Supervision");
        // A partner sees and reports on their own unit's items only (the activity service's rule); they never supervise.
        group.MapGet("/", GetBoardAsync).AllowPartners().WithName("GetSupervisionBoard");
        group.MapGet("/{id:guid}", GetDecisionItemAsync).AllowPartners().WithName("GetDecisionItem");
        group.MapGet("/{id:guid}/history", GetHistoryAsync).AllowPartners().WithName("GetDecisionItemHistory");
        group.MapPost("/{id:guid}/progress", RecordProgressAsync).RequireAuthorization(Policies.ItemOwner).AllowPartners().WithName("RecordDecisionItemProgress");
        group.MapPost("/{id:guid}/claim", ClaimDoneAsync).RequireAuthorization(Policies.ItemOwner).AllowPartners().WithName("ClaimDecisionItemDone");
        group.MapPost("/{id:guid}/verify", VerifyAsync).RequireAuthorization(Policies.Planner).WithName("VerifyDecisionItem");
        group.MapPost("/{id:guid}/reject", RejectAsync).RequireAuthorization(Policies.Planner).WithName("RejectDecisionItem");
        group.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(Policies.Planner).WithName("CancelDecisionItem");
        var settings = api.MapGroup("/supervision-settings").WithTags("Supervision");
        settings.MapGet("/{allianceId:guid}", GetSettingAsync).WithName("GetSupervisionSetting");
        settings.MapPut("/{allianceId:guid}", SetSettingAsync).RequireAuthorization(Policies.Planner).WithName("SetSupervisionSetting");
        return api;
    }

    public static async Task<IResult> GetBoardAsync([AsParameters] BoardQuery query, DecisionItemService.DecisionItemServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var state = DecisionItemState.Unspecified;
        if (!string.IsNullOrWhiteSpace(query.State) && !States.ByName.TryGetValue(query.State.Trim().ToLowerInvariant(), out state))
            errors["state"] = [$"must be one of: {string.Join(", ", States.ByName.Keys)}."];
        var colour = SupervisionColour.Unspecified;
        if (!string.IsNullOrWhiteSpace(query.Colour) && !Colours.ByName.TryGetValue(query.Colour.Trim().ToLowerInvariant(), out colour))
            errors["colour"] = [$"must be one of: {string.Join(", ", Colours.ByName.Keys)}."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListDecisionItemsAsync(new ListDecisionItemsRequest
        {
            Page = page, PageSize = size, AllianceId = Text(query.AllianceId), MeetingId = Text(query.MeetingId),
            OwnerMemberUnitId = Text(query.OwnerMemberUnitId), SupervisorMemberUnitId = Text(query.SupervisorMemberUnitId),
            State = state, Colour = colour, IncludeClosed = query.IncludeClosed ?? false, Search = query.Search?.Trim() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(Board(result, page, size));
    }

    /// <summary>All items of a meeting, closed ones too, on the same board shape.</summary>
    public static async Task<IResult> ListMeetingItemsAsync(Guid id, int? page, int? pageSize, DecisionItemService.DecisionItemServiceClient client,
        CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await client.ListDecisionItemsAsync(new ListDecisionItemsRequest
        {
            Page = p, PageSize = size, MeetingId = id.ToString(), IncludeClosed = true,
        }, cancellationToken: ct);
        return Results.Ok(Board(result, p, size));
    }

    static SupervisionBoardDto Board(ListDecisionItemsResponse result, int page, int size) => new(
        result.Items.Select(DecisionItemDto.From).ToList(), result.Total, page, size,
        result.Colours.Select(c => new ColourCountDto(Colours.Name(c.Colour), c.Count)).ToList(),
        result.Owners.Select(o => new OwnerCountDto(Guid.Parse(o.OwnerMemberUnitId), o.OwnerName, o.Red, o.Yellow, o.Green)).ToList());

    public static async Task<IResult> GetDecisionItemAsync(Guid id, DecisionItemService.DecisionItemServiceClient client, CancellationToken ct) =>
        Results.Ok(DecisionItemDto.From(await client.GetDecisionItemAsync(new GetDecisionItemRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> GetHistoryAsync(Guid id, DecisionItemService.DecisionItemServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.GetDecisionItemHistoryAsync(new GetDecisionItemHistoryRequest { Id = id.ToString() }, cancellationToken: ct))
            .Entries.Select(DecisionItemEntryDto.From).ToList());

    public static async Task<IResult> RecordDecisionItemAsync(Guid id, DecisionItemBody body, HttpContext http,
        DecisionItemService.DecisionItemServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        Validate.Text(errors, "acceptanceCriteria", body.AcceptanceCriteria, MaxCriteriaLength);
        Units.Optional(errors, "ownerPerson", body.OwnerPerson, MaxPersonLength);
        if (body.OwnerMemberUnitId is null) errors["ownerMemberUnitId"] = ["is required."];
        if (body.SupervisorMemberUnitId is null) errors["supervisorMemberUnitId"] = ["is required."];
        else if (body.SupervisorMemberUnitId == body.OwnerMemberUnitId) errors["supervisorMemberUnitId"] = ["The supervising unit must be another unit than the owner."];
        var due = Date(errors, "dueOn", body.DueOn);
        var details = new DecisionItemDetails
        {
            Title = body.Title?.Trim() ?? "", AcceptanceCriteria = body.AcceptanceCriteria?.Trim() ?? "",
            OwnerMemberUnitId = Text(body.OwnerMemberUnitId), OwnerPerson = body.OwnerPerson?.Trim() ?? "", DueOn = body.DueOn?.Trim() ?? "",
            SupervisorMemberUnitId = Text(body.SupervisorMemberUnitId),
        };
        var milestones = body.Milestones ?? [];
        if (milestones.Count > MaxMilestones) errors["milestones"] = [$"must be at most {MaxMilestones}."];
        DateOnly? previous = null;
        for (var i = 0; i < milestones.Count; i++)
        {
            var m = milestones[i];
            Validate.Text(errors, $"milestones[{i}].title", m?.Title, MaxTitleLength);
            if (Date(errors, $"milestones[{i}].dueOn", m?.DueOn) is { } on)
            {
                // The service's rules, checked here too so a client gets them all at once.
                if (previous is { } p && on < p) errors[$"milestones[{i}].dueOn"] = ["must not be before the previous milestone."];
                else if (due is { } d && on > d) errors[$"milestones[{i}].dueOn"] = ["must not be after the item's due date."];
                previous = on;
            }
            details.Milestones.Add(new MilestoneRef { Title = m?.Title?.Trim() ?? "", DueOn = m?.DueOn?.Trim() ?? "" });
        }
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.RecordDecisionItemAsync(new RecordDecisionItemRequest
        {
            MeetingId = id.ToString(), Details = details, ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/decision-items/{created.Id}", DecisionItemDto.From(created));
    }

    public static async Task<IResult> RecordProgressAsync(Guid id, ProgressBody body, DecisionItemService.DecisionItemServiceClient client, CancellationToken ct)
    {
        var errors = Evidence(body);
        if ((body.MilestonesReached ?? []).Any(i => i < 0)) errors["milestonesReached"] = ["must be indexes of the item's milestones (0 or more)."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new RecordProgressRequest { Id = id.ToString(), Note = body.Note!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0 };
        request.Links.AddRange(Links(body));
        request.AttachmentIds.AddRange((body.AttachmentIds ?? []).Select(a => a.ToString()));
        request.MilestonesReached.AddRange(body.MilestonesReached ?? []);
        return Results.Ok(DecisionItemDto.From(await client.RecordProgressAsync(request, cancellationToken: ct)));
    }

    public static async Task<IResult> ClaimDoneAsync(Guid id, ProgressBody body, DecisionItemService.DecisionItemServiceClient client, CancellationToken ct)
    {
        var errors = Evidence(body);
        if (body.MilestonesReached is { Count: > 0 }) errors["milestonesReached"] = ["is recorded by a progress update, not a claim."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new ClaimDoneRequest { Id = id.ToString(), Note = body.Note!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0 };
        request.Links.AddRange(Links(body));
        request.AttachmentIds.AddRange((body.AttachmentIds ?? []).Select(a => a.ToString()));
        return Results.Ok(DecisionItemDto.From(await client.ClaimDoneAsync(request, cancellationToken: ct)));
    }

    public static async Task<IResult> VerifyAsync(Guid id, VerifyBody body, DecisionItemService.DecisionItemServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Optional(errors, "note", body.Note, MaxNoteLength);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(DecisionItemDto.From(await client.VerifyDecisionItemAsync(new VerifyDecisionItemRequest
        {
            Id = id.ToString(), Note = body.Note?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> RejectAsync(Guid id, ReasonBody body, DecisionItemService.DecisionItemServiceClient client, CancellationToken ct)
    {
        if (Reason(body) is { Count: > 0 } errors) return Results.ValidationProblem(errors);
        return Results.Ok(DecisionItemDto.From(await client.RejectDecisionItemAsync(new RejectDecisionItemRequest
        {
            Id = id.ToString(), Reason = body.Reason!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> CancelAsync(Guid id, ReasonBody body, DecisionItemService.DecisionItemServiceClient client, CancellationToken ct)
    {
        if (Reason(body) is { Count: > 0 } errors) return Results.ValidationProblem(errors);
        return Results.Ok(DecisionItemDto.From(await client.CancelDecisionItemAsync(new CancelDecisionItemRequest
        {
            Id = id.ToString(), Reason = body.Reason!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> GetSettingAsync(Guid allianceId, DecisionItemService.DecisionItemServiceClient client, CancellationToken ct) =>
        Results.Ok(SupervisionSettingDto.From(await client.GetSupervisionSettingAsync(new GetSupervisionSettingRequest { AllianceId = allianceId.ToString() },
            cancellationToken: ct)));

    public static async Task<IResult> SetSettingAsync(Guid allianceId, SupervisionSettingBody body, DecisionItemService.DecisionItemServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.DueSoonDays is < 0 or > MaxDueSoonDays) errors["dueSoonDays"] = [$"must be from 0 to {MaxDueSoonDays}, or null for the group's setting."];
        if (body.ExpectedVersion is < 0) errors["expectedVersion"] = ["must be the version the server returned (0 while the alliance has no setting)."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(SupervisionSettingDto.From(await client.SetSupervisionSettingAsync(new SetSupervisionSettingRequest
        {
            AllianceId = allianceId.ToString(), DueSoonDays = body.DueSoonDays ?? 0, Clear = body.DueSoonDays is null,
            ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    static Dictionary<string, string[]> Reason(ReasonBody body)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "reason", body.Reason, MaxReasonLength);
        Units.Version(errors, body.ExpectedVersion);
        return errors;
    }

    static Dictionary<string, string[]> Evidence(ProgressBody body)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "note", body.Note, MaxNoteLength);
        Units.Version(errors, body.ExpectedVersion);
        var links = body.Links ?? [];
        if (links.Count > MaxLinks) errors["links"] = [$"must be at most {MaxLinks}."];
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i]?.Trim() ?? "";
            if (link.Length > MaxLinkLength || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors[$"links[{i}]"] = [$"must be an http(s) address of at most {MaxLinkLength} characters."];
        }
        return errors;
    }

    static IEnumerable<string> Links(ProgressBody body) => (body.Links ?? []).Select(l => l!.Trim());

    static DateOnly? Date(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["is required."];
            return null;
        }
        return MeetingEndpoints.Day(errors, field, value);
    }

    static string Text(Guid? id) => id?.ToString() ?? "";
}
