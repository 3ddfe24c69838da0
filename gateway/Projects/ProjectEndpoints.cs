using System.Globalization;
using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Net.Http.Headers;

namespace Alliance.Gateway.Projects;

/// <summary>
/// Tackling projects (攻坚项目): list, create, read, revise, status, milestones (with evidence files), outcome measures and
/// links. The activity service decides who sees and changes what (its JointWorkAccess); partners are not let in (ADR 41).
/// </summary>
public static class ProjectEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxTeam = 50;
    public const int MaxNameLength = 100;
    public const int MaxLinks = 50;
    public const int MaxReasonLength = 500;
    public const int MaxLabelLength = 100;
    public static readonly string[] Categories = ["major-engineering", "business-growth", "livelihood", "innovation", "grassroots-governance", "party-building"];
    public static readonly string[] Statuses = ["planned", "in-progress", "completed", "suspended", "cancelled"];
    public static readonly string[] MeasureUnits = ["days-ahead", "cny", "people-served", "households", "items", "hours", "enterprises", "percent"];
    public static readonly string[] Sorts = ["updated", "-updated", "title", "-title", "year", "-year"];

    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects").WithTags("Tackling projects");
        group.MapGet("/", ListProjectsAsync).WithName("ListProjects");
        group.MapPost("/", CreateProjectAsync).RequireAuthorization(Policies.Planner).WithName("CreateProject");
        group.MapGet("/{id:guid}", GetProjectAsync).WithName("GetProject");
        group.MapPut("/{id:guid}", ReviseProjectAsync).RequireAuthorization(Policies.Planner).WithName("ReviseProject");
        group.MapGet("/{id:guid}/history", GetProjectHistoryAsync).WithName("GetProjectHistory");
        group.MapPost("/{id:guid}/status", ChangeStatusAsync).RequireAuthorization(Policies.Planner).WithName("ChangeProjectStatus");
        group.MapPost("/{id:guid}/milestones", AddMilestoneAsync).RequireAuthorization(Policies.Planner).WithName("AddProjectMilestone");
        group.MapPost("/{id:guid}/milestones/{milestoneId:guid}/reached", ReachMilestoneAsync).RequireAuthorization(Policies.Planner).WithName("ReachProjectMilestone");
        group.MapPost("/{id:guid}/milestones/{milestoneId:guid}/evidence", UploadEvidenceAsync).RequireAuthorization(Policies.Planner).WithName("UploadMilestoneEvidence");
        group.MapGet("/{id:guid}/evidence/{evidenceId:guid}", DownloadEvidenceAsync).WithName("DownloadMilestoneEvidence");
        group.MapPost("/{id:guid}/outcomes", RecordOutcomeAsync).RequireAuthorization(Policies.Planner).WithName("RecordProjectOutcome");
        group.MapPut("/{id:guid}/links", SetLinksAsync).RequireAuthorization(Policies.Planner).WithName("SetProjectLinks");
        return api;
    }

    public static async Task<IResult> ListProjectsAsync([AsParameters] ProjectListQuery query, ProjectService.ProjectServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Sort(errors, query.Sort, Sorts);
        OneOf(errors, "category", query.Category, Categories, required: false);
        OneOf(errors, "status", query.Status, Statuses, required: false);
        if (query.Year is < 2000 or > 2100) errors["year"] = ["must be between 2000 and 2100."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListProjectsAsync(new ListProjectsRequest
        {
            Page = page, PageSize = size, Search = query.Search?.Trim() ?? "", AllianceId = query.AllianceId?.ToString() ?? "", Year = query.Year ?? 0,
            Category = query.Category?.Trim() ?? "", Status = query.Status?.Trim() ?? "", Sort = query.Sort?.Trim() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<ProjectDto>(result.Items.Select(ProjectDto.From).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> CreateProjectAsync(ProjectBody body, HttpContext http, ProjectService.ProjectServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var details = Details(errors, body);
        if (body.ExpectedVersion is not null) errors["expectedVersion"] = ["is not taken when creating."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.CreateProjectAsync(new CreateProjectRequest { Details = details, ClientRequestId = Validate.IdempotencyKey(http) }, cancellationToken: ct);
        return Results.Created($"/api/v1/projects/{created.Id}", ProjectDto.From(created));
    }

    public static async Task<IResult> GetProjectAsync(Guid id, ProjectService.ProjectServiceClient client, CancellationToken ct) =>
        Results.Ok(ProjectDto.From(await client.GetProjectAsync(new GetProjectRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> ReviseProjectAsync(Guid id, ProjectBody body, ProjectService.ProjectServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var details = Details(errors, body);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ProjectDto.From(await client.ReviseProjectAsync(new ReviseProjectRequest
        {
            Id = id.ToString(), Details = details, ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> GetProjectHistoryAsync(Guid id, ProjectService.ProjectServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.GetProjectHistoryAsync(new GetProjectHistoryRequest { Id = id.ToString() }, cancellationToken: ct))
            .Changes.Select(c => new ActivityChangeDto(Guid.Parse(c.Id), c.Kind, c.Version, ActivityTimes.InGroupTime(c.ChangedAt.ToDateTimeOffset()),
                c.ChangedBy, c.ChangedByRole, c.Changes.Select(f => new FieldChangeDto(f.Field, f.OldValue, f.NewValue)).ToList())).ToList());

    public static async Task<IResult> ChangeStatusAsync(Guid id, ProjectStatusBody body, ProjectService.ProjectServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        OneOf(errors, "status", body.Status, Statuses, required: true);
        Units.Optional(errors, "reason", body.Reason, MaxReasonLength);
        if (body.Status?.Trim() is "suspended" or "cancelled" && string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["is required to suspend or cancel a project."];
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ProjectDto.From(await client.ChangeProjectStatusAsync(new ChangeProjectStatusRequest
        {
            Id = id.ToString(), Status = body.Status!.Trim(), Reason = body.Reason?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> AddMilestoneAsync(Guid id, MilestoneBody body, ProjectService.ProjectServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        Units.Date(errors, "plannedOn", body.PlannedOn);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var project = await client.AddMilestoneAsync(new AddMilestoneRequest
        {
            ProjectId = id.ToString(), Title = body.Title!.Trim(), PlannedOn = body.PlannedOn!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/projects/{id}", ProjectDto.From(project));
    }

    public static async Task<IResult> ReachMilestoneAsync(Guid id, Guid milestoneId, ReachedBody body, ProjectService.ProjectServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Date(errors, "reachedOn", body.ReachedOn);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ProjectDto.From(await client.ReachMilestoneAsync(new ReachMilestoneRequest
        {
            ProjectId = id.ToString(), MilestoneId = milestoneId.ToString(), ReachedOn = body.ReachedOn!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> RecordOutcomeAsync(Guid id, OutcomeMeasureBody body, ProjectService.ProjectServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "label", body.Label, MaxLabelLength);
        OneOf(errors, "unit", body.Unit, MeasureUnits, required: true);
        if (body.Value is null) errors["value"] = ["is required."];
        if (!string.IsNullOrWhiteSpace(body.RecordedOn)) Units.Date(errors, "recordedOn", body.RecordedOn);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var project = await client.RecordOutcomeAsync(new RecordOutcomeRequest
        {
            ProjectId = id.ToString(), Label = body.Label!.Trim(), Unit = body.Unit!.Trim(), Value = Text(body.Value), Baseline = Text(body.Baseline),
            Target = Text(body.Target), RecordedOn = body.RecordedOn?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/projects/{id}", ProjectDto.From(project));
    }

    public static async Task<IResult> SetLinksAsync(Guid id, ProjectLinksBody body, ProjectService.ProjectServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var activities = body.ActivityIds ?? [];
        var problems = body.ProblemIds ?? [];
        if (activities.Count > MaxLinks) errors["activityIds"] = [$"must be at most {MaxLinks}."];
        if (problems.Count > MaxLinks) errors["problemIds"] = [$"must be at most {MaxLinks}."];
        for (var i = 0; i < activities.Count; i++) if (activities[i] is null) errors[$"activityIds[{i}]"] = ["must be an id."];
        for (var i = 0; i < problems.Count; i++) if (problems[i] is null) errors[$"problemIds[{i}]"] = ["must be an id."];
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new SetProjectLinksRequest { ProjectId = id.ToString(), ExpectedVersion = body.ExpectedVersion ?? 0 };
        request.ActivityIds.AddRange(activities.Select(a => a!.Value.ToString()));
        request.ProblemIds.AddRange(problems.Select(p => p!.Value.ToString()));
        return Results.Ok(ProjectDto.From(await client.SetProjectLinksAsync(request, cancellationToken: ct)));
    }

    /// <summary>A milestone's evidence, uploaded as multipart/form-data (field <c>file</c>) under the attachments' rules (ADR 36).</summary>
    public static async Task<IResult> UploadEvidenceAsync(Guid id, Guid milestoneId, HttpContext http, ProjectService.ProjectServiceClient client, CancellationToken ct)
    {
        static IResult Invalid(string message) => Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [message] });
        if (!http.Request.HasFormContentType) return Invalid("must be sent as multipart/form-data (field 'file').");
        if (http.Request.ContentLength > AttachmentEndpoints.MaxBytes + 64 * 1024) return Invalid($"must be at most {AttachmentEndpoints.MaxBytes / (1024 * 1024)} MB.");
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null) return Invalid("is required: upload it as the form field 'file'.");
        if (file.Length == 0) return Invalid("is empty.");
        if (file.Length > AttachmentEndpoints.MaxBytes) return Invalid($"must be at most {AttachmentEndpoints.MaxBytes / (1024 * 1024)} MB.");
        await using var stream = file.OpenReadStream();
        var created = await client.UploadMilestoneEvidenceAsync(new UploadMilestoneEvidenceRequest
        {
            ProjectId = id.ToString(), MilestoneId = milestoneId.ToString(), FileName = file.FileName, Content = await ByteString.FromStreamAsync(stream, ct),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/projects/{id}/evidence/{created.Id}", MilestoneEvidenceDto.From(created));
    }

    /// <summary>Served always as a download, with the recognised type, no sniffing and a sandbox policy (ADR 36).</summary>
    public static async Task<IResult> DownloadEvidenceAsync(Guid id, Guid evidenceId, HttpContext http, ProjectService.ProjectServiceClient client, CancellationToken ct)
    {
        using var call = client.DownloadMilestoneEvidence(new DownloadMilestoneEvidenceRequest { ProjectId = id.ToString(), EvidenceId = evidenceId.ToString() },
            deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: ct);
        // The first chunk (or the service's refusal, answered as a problem) before any header is sent.
        if (!await call.ResponseStream.MoveNext(ct)) return Results.NotFound();
        var evidence = call.ResponseStream.Current.Evidence;
        var response = http.Response;
        response.ContentType = evidence.ContentType;
        response.ContentLength = evidence.SizeBytes;
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = evidence.FileName, FileName = "evidence" + Path.GetExtension(evidence.FileName),
        }.ToString();
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        response.Headers[HeaderNames.CacheControl] = "private, no-store";
        await response.Body.WriteAsync(call.ResponseStream.Current.Data.Memory, ct);
        while (await call.ResponseStream.MoveNext(ct)) await response.Body.WriteAsync(call.ResponseStream.Current.Data.Memory, ct);
        return Results.Empty;
    }

    static ProjectDetails Details(Dictionary<string, string[]> errors, ProjectBody body)
    {
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        Units.Optional(errors, "description", body.Description, MaxDescriptionLength);
        OneOf(errors, "category", body.Category, Categories, required: true);
        if (body.Year is null) errors["year"] = ["is required."];
        else if (body.Year is < 2000 or > 2100) errors["year"] = ["must be between 2000 and 2100."];
        if (body.OrganizationId is null) errors["organizationId"] = ["is required."];
        var details = new ProjectDetails
        {
            Title = body.Title?.Trim() ?? "", Description = body.Description?.Trim() ?? "", Category = body.Category?.Trim() ?? "", Year = body.Year ?? 0,
            OrganizationId = body.OrganizationId?.ToString() ?? "", AllianceId = body.AllianceId?.ToString() ?? "",
            LeaderPersonId = body.LeaderPersonId?.ToString() ?? "",
        };
        var team = body.Team ?? [];
        if (team.Count > MaxTeam) errors["team"] = [$"must name at most {MaxTeam} members."];
        for (var i = 0; i < team.Count; i++)
        {
            var t = team[i];
            if (t is null || t.PersonId is null == t.MemberUnitId is null)
            {
                errors[$"team[{i}]"] = ["names either a person (personId) or a partner unit (memberUnitId with contactName)."];
                continue;
            }
            if (t.MemberUnitId is not null) Validate.Text(errors, $"team[{i}].contactName", t.ContactName, MaxNameLength);
            details.Team.Add(new TeamMemberRef
            {
                PersonId = t.PersonId?.ToString() ?? "", MemberUnitId = t.MemberUnitId?.ToString() ?? "", ContactName = t.ContactName?.Trim() ?? "",
            });
        }
        return details;
    }

    internal static void OneOf(Dictionary<string, string[]> errors, string field, string? value, string[] allowed, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors[field] = ["is required."];
        }
        else if (!allowed.Contains(value.Trim())) errors[field] = [$"must be one of: {string.Join(", ", allowed)}."];
    }

    internal static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
