using System.Globalization;
using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.TaskLists;

/// <summary>
/// Task lists (任务清单, ADR 42): lists of the group, a subsidiary or an alliance, their tasks and measures with the
/// weighted roll-up, progress reports, the overdue measures of the supervision board, and a list's audit log. The
/// activity service decides who sees and changes what; none of it is open to partners.
/// </summary>
public static class TaskListEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxTargetLength = 1_000;
    public const int MaxUnitLength = 30;
    public const int MaxNoteLength = 2_000;
    public const int MaxLinks = 10;
    public const double MaxWeight = 1_000_000;

    public static RouteGroupBuilder MapTaskListEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/task-lists").WithTags("Task lists");
        group.MapGet("/", ListTaskListsAsync).WithName("ListTaskLists");
        group.MapPost("/", CreateTaskListAsync).RequireAuthorization(Policies.Planner).WithName("CreateTaskList");
        group.MapGet("/overdue-measures", ListOverdueMeasuresAsync).WithName("ListOverdueMeasures");
        group.MapGet("/{id:guid}", GetTaskListAsync).WithName("GetTaskList");
        group.MapGet("/{id:guid}/roll-up", GetRollUpAsync).WithName("GetTaskListRollUp");
        group.MapGet("/{id:guid}/history", GetHistoryAsync).WithName("GetTaskListHistory");
        group.MapPost("/{id:guid}/tasks", AddTaskAsync).RequireAuthorization(Policies.Planner).WithName("AddTaskListTask");
        group.MapPost("/{id:guid}/tasks/{taskId:guid}/measures", AddMeasureAsync).RequireAuthorization(Policies.Planner).WithName("AddTaskListMeasure");
        group.MapGet("/{id:guid}/measures/{measureId:guid}/progress", ListProgressAsync).WithName("ListMeasureProgress");
        group.MapPost("/{id:guid}/measures/{measureId:guid}/progress", ReportProgressAsync).RequireAuthorization(Policies.Planner).WithName("ReportMeasureProgress");
        return api;
    }

    public static async Task<IResult> ListTaskListsAsync([AsParameters] TaskListQuery query, TaskListService.TaskListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = OwnerKind(errors, query.OwnerKind, required: false);
        if (query.Year is { } y && (y < 2000 || y > 2100)) errors["year"] = ["must be between 2000 and 2100."];
        if (query.Search is { Length: > 200 }) errors["search"] = ["must be at most 200 characters."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListTaskListsAsync(new ListTaskListsRequest
        {
            Page = page, PageSize = size, Year = query.Year ?? 0, OwnerKind = kind, Search = query.Search?.Trim() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<TaskListSummaryDto>(result.Items.Select(TaskListSummaryDto.From).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> CreateTaskListAsync(TaskListBody body, HttpContext http, TaskListService.TaskListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        if (body.Year is not (>= 2000 and <= 2100)) errors["year"] = ["is required, between 2000 and 2100."];
        var kind = OwnerKind(errors, body.OwnerKind, required: true);
        if (kind == TaskListOwnerKind.Subsidiary && body.SubsidiaryId is null) errors["subsidiaryId"] = ["is required for a subsidiary's list."];
        if (kind != TaskListOwnerKind.Subsidiary && body.SubsidiaryId is not null) errors["subsidiaryId"] = ["is only taken for a subsidiary's list."];
        if (kind == TaskListOwnerKind.Alliance && body.AllianceId is null) errors["allianceId"] = ["is required for an alliance's list."];
        if (kind != TaskListOwnerKind.Alliance && body.AllianceId is not null) errors["allianceId"] = ["is only taken for an alliance's list."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.CreateTaskListAsync(new CreateTaskListRequest
        {
            Title = body.Title!.Trim(), Year = body.Year!.Value, OwnerKind = kind, SubsidiaryId = body.SubsidiaryId?.ToString() ?? "",
            AllianceId = body.AllianceId?.ToString() ?? "", ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/task-lists/{created.Id}", TaskListDto.From(created));
    }

    public static async Task<IResult> GetTaskListAsync(Guid id, TaskListService.TaskListServiceClient client, CancellationToken ct) =>
        Results.Ok(TaskListDto.From(await client.GetTaskListAsync(new GetTaskListRequest { Id = id.ToString() }, cancellationToken: ct)));

    /// <summary>The roll-up alone: the list's and each task's weighted progress, weights and overdue counts.</summary>
    public static async Task<IResult> GetRollUpAsync(Guid id, TaskListService.TaskListServiceClient client, CancellationToken ct)
    {
        var list = await client.GetTaskListAsync(new GetTaskListRequest { Id = id.ToString() }, cancellationToken: ct);
        return Results.Ok(new
        {
            list.Progress, list.OverdueCount,
            Tasks = list.Tasks.Select(t => new { Id = Guid.Parse(t.Id), t.Title, t.Weight, t.Progress, Measures = t.Measures.Count, Overdue = t.Measures.Count(m => m.Overdue) }),
        });
    }

    public static async Task<IResult> GetHistoryAsync(Guid id, TaskListService.TaskListServiceClient client, CancellationToken ct)
    {
        var history = await client.GetTaskListHistoryAsync(new GetTaskListHistoryRequest { Id = id.ToString() }, cancellationToken: ct);
        return Results.Ok(history.Changes.Select(c => new TaskListChangeDto(Guid.Parse(c.Id), c.Kind, c.Version,
            Activities.ActivityTimes.InGroupTime(c.ChangedAt.ToDateTimeOffset()), c.ChangedBy, c.ChangedByRole,
            c.Changes.Select(f => new FieldChangeDto(f.Field, f.OldValue, f.NewValue)).ToList())).ToList());
    }

    public static async Task<IResult> AddTaskAsync(Guid id, TaskBody body, HttpContext http, TaskListService.TaskListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        if (body.Weight is { } w && !(w > 0 && w <= MaxWeight)) errors["weight"] = [$"must be greater than 0 and at most {MaxWeight}."];
        Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new AddTaskRequest { ListId = id.ToString(), Title = body.Title!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0, ClientRequestId = Validate.IdempotencyKey(http) };
        if (body.Weight is { } weight) request.Weight = weight;
        var list = await client.AddTaskAsync(request, cancellationToken: ct);
        return Results.Created($"/api/v1/task-lists/{list.Id}", TaskListDto.From(list));
    }

    public static async Task<IResult> AddMeasureAsync(Guid id, Guid taskId, MeasureBody body, HttpContext http, TaskListService.TaskListServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        if (body.ResponsibleOrganizationId is null) errors["responsibleOrganizationId"] = ["is required."];
        if (body.SupervisingOrganizationId is null) errors["supervisingOrganizationId"] = ["is required."];
        if (body.Weight is not { } w || !(w > 0 && w <= MaxWeight)) errors["weight"] = [$"is required, greater than 0 and at most {MaxWeight}."];
        Validate.Text(errors, "targetText", body.TargetText, MaxTargetLength);
        if (body.TargetValue is { } v && (double.IsNaN(v) || double.IsInfinity(v) || Math.Abs(v) >= 1e14)) errors["targetValue"] = ["must be a finite number."];
        if (body.TargetValue is not null && string.IsNullOrWhiteSpace(body.TargetUnit)) errors["targetUnit"] = ["is required with a target value."];
        else if (body.TargetUnit is { } unit && unit.Trim().Length > MaxUnitLength) errors["targetUnit"] = [$"must be at most {MaxUnitLength} characters."];
        if (!IsDay(body.DueOn)) errors["dueOn"] = ["is required, a date as yyyy-MM-dd."];
        Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var details = new MeasureDetails
        {
            Title = body.Title!.Trim(), ResponsibleOrganizationId = body.ResponsibleOrganizationId!.Value.ToString(),
            SupervisingOrganizationId = body.SupervisingOrganizationId!.Value.ToString(), Weight = body.Weight!.Value, TargetText = body.TargetText!.Trim(),
            TargetUnit = body.TargetUnit?.Trim() ?? "", DueOn = body.DueOn!.Trim(), LinksToMeasureId = body.LinksToMeasureId?.ToString() ?? "",
        };
        if (body.TargetValue is { } value) details.TargetValue = value;
        var list = await client.AddMeasureAsync(new AddMeasureRequest
        {
            ListId = id.ToString(), TaskId = taskId.ToString(), Details = details, ExpectedVersion = body.ExpectedVersion ?? 0,
            ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/task-lists/{list.Id}", TaskListDto.From(list));
    }

    public static async Task<IResult> ListProgressAsync(Guid id, Guid measureId, TaskListService.TaskListServiceClient client, CancellationToken ct)
    {
        var result = await client.ListMeasureProgressAsync(new ListMeasureProgressRequest { ListId = id.ToString(), MeasureId = measureId.ToString() }, cancellationToken: ct);
        return Results.Ok(result.Items.Select(ProgressReportDto.From).ToList());
    }

    public static async Task<IResult> ReportProgressAsync(Guid id, Guid measureId, ProgressReportBody body, HttpContext http,
        TaskListService.TaskListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Percent is not { } p || !(p >= 0 && p <= 100)) errors["percent"] = ["is required, between 0 and 100."];
        if (body.Note is { } note && note.Trim().Length > MaxNoteLength) errors["note"] = [$"must be at most {MaxNoteLength} characters."];
        if (!IsDay(body.ReportedOn)) errors["reportedOn"] = ["is required, a date as yyyy-MM-dd."];
        var links = body.EvidenceLinks ?? [];
        if (links.Count > MaxLinks) errors["evidenceLinks"] = [$"must be at most {MaxLinks}."];
        for (var i = 0; i < links.Count; i++)
            if (!Uri.TryCreate(links[i]?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || links[i]!.Length > 500)
                errors[$"evidenceLinks[{i}]"] = ["must be an http(s) address of at most 500 characters."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var list = await client.ReportMeasureProgressAsync(new ReportMeasureProgressRequest
        {
            ListId = id.ToString(), MeasureId = measureId.ToString(), Percent = body.Percent!.Value, Note = body.Note?.Trim() ?? "",
            ReportedOn = body.ReportedOn!.Trim(), EvidenceLinks = { links.Select(l => l!.Trim()) }, ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Ok(TaskListDto.From(list));
    }

    /// <summary>The supervision board's overdue measures: past due and below 100 %, longest overdue first.</summary>
    public static async Task<IResult> ListOverdueMeasuresAsync([AsParameters] OverdueQuery query, TaskListService.TaskListServiceClient client, CancellationToken ct)
    {
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListOverdueMeasuresAsync(new ListOverdueMeasuresRequest
        {
            Page = page, PageSize = size, AllianceId = query.AllianceId?.ToString() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<OverdueMeasureDto>(result.Items.Select(OverdueMeasureDto.From).ToList(), result.Total, page, size));
    }

    static TaskListOwnerKind OwnerKind(Dictionary<string, string[]> errors, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors["ownerKind"] = ["is required: group, subsidiary or alliance."];
            return TaskListOwnerKind.Unspecified;
        }
        if (OwnerKinds.ByName.TryGetValue(value.Trim().ToLowerInvariant(), out var kind)) return kind;
        errors["ownerKind"] = ["must be one of: group, subsidiary, alliance."];
        return TaskListOwnerKind.Unspecified;
    }

    static void Version(Dictionary<string, string[]> errors, long? version)
    {
        if (version is < 0) errors["expectedVersion"] = ["must not be negative."];
    }

    static bool IsDay(string? value) => DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
