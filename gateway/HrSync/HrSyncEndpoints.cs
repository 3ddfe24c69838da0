using System.Globalization;
using System.Text;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Errors;
using Google.Protobuf;
using Microsoft.AspNetCore.Mvc;

namespace Alliance.Gateway.HrSync;

public sealed record HrRecordResultDto(int RowNumber, string Outcome, string? Message, string? EmployeeNumber, string? ExternalId, string? Name, Guid? PersonId)
{
    public static HrRecordResultDto From(HrRecordResult r) => new(r.RowNumber, r.Outcome, r.Message.Length == 0 ? null : r.Message,
        r.HasEmployeeNumber ? r.EmployeeNumber : null, r.HasExternalId ? r.ExternalId : null, r.HasName ? r.Name : null,
        Guid.TryParse(r.PersonId, out var p) ? p : null);
}

public sealed record HrSyncRunDto(
    Guid Id, Guid SubsidiaryId, string Source, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Status, int Total, int Processed,
    int Created, int Updated, int Deactivated, int Unchanged, int Stale, int Conflicts, int Errors, IReadOnlyList<string> ErrorMessages,
    long DurationMs, string StartedBy)
{
    public static HrSyncRunDto From(HrSyncRun r) => new(Guid.Parse(r.Id), Guid.Parse(r.SubsidiaryId), r.Source, r.StartedAt.ToDateTimeOffset(),
        r.FinishedAt?.ToDateTimeOffset(), r.Status, r.Total, r.Processed, r.Created, r.Updated, r.Deactivated, r.Unchanged, r.Stale, r.Conflicts,
        r.Errors, r.ErrorMessages, r.DurationMs, r.StartedBy);
}

/// <summary>Rows: the first 10,000 of the file (RowsTruncated when it had more); Counts: over every row; a run's results.csv has them all.</summary>
public sealed record HrImportResultDto(string Kind, bool DryRun, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<HrRecordResultDto> Rows, HrSyncRunDto? Run,
    bool RowsTruncated);

public sealed record HrConflictDto(
    Guid Id, Guid SubsidiaryId, Guid PersonId, string PersonName, string Kind, string Details, IReadOnlyList<Guid> RoleIds, Guid? SyncRunId,
    DateTimeOffset RaisedAt, string Status, string? ResolutionNote, string? ResolvedBy, DateTimeOffset? ResolvedAt, long Version)
{
    public static HrConflictDto From(HrConflict c) => new(Guid.Parse(c.Id), Guid.Parse(c.SubsidiaryId), Guid.Parse(c.PersonId), c.PersonName, c.Kind,
        c.Details, c.RoleIds.Select(Guid.Parse).ToList(), c.HasSyncRunId ? Guid.Parse(c.SyncRunId) : null, c.RaisedAt.ToDateTimeOffset(), c.Status,
        c.HasResolutionNote ? c.ResolutionNote : null, c.HasResolvedBy ? c.ResolvedBy : null, c.ResolvedAt?.ToDateTimeOffset(), c.Version);
}

/// <summary>endRoles: end the roles the conflict lists, each through the People command EndRole (endsOn: today if absent), then resolve.</summary>
public sealed record ResolveHrConflictBody(string? Note, bool? EndRoles, DateOnly? EndsOn, long? ExpectedVersion);

/// <summary>
/// HR synchronisation for administrators: file imports (preview and apply), sync runs with their progress and results,
/// and the conflicts HR deactivations raise against party roles.
/// </summary>
public static class HrSyncEndpoints
{
    public const int MaxFileBytes = 64 * 1024 * 1024;
    const long MaxRequestBytes = 66 * 1024 * 1024;
    public const int MaxNoteLength = 1000;
    static readonly string[] Outcomes = ["created", "updated", "deactivated", "unchanged", "stale", "conflict", "error"];

    public static RouteGroupBuilder MapHrSyncEndpoints(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/subsidiaries/{subsidiaryId:guid}/hr-imports").WithTags("HR import").RequireAuthorization(Policies.Admin);
        imports.MapPost("/preview", PreviewHrImportAsync)
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes)).Produces<HrImportResultDto>().ProducesValidationProblem()
            .WithName("PreviewHrImport");
        imports.MapPost("/", ApplyHrImportAsync)
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes)).Produces<HrImportResultDto>().ProducesValidationProblem()
            .WithName("ApplyHrImport");

        var runs = api.MapGroup("/hr-sync-runs").WithTags("HR sync runs").RequireAuthorization(Policies.Admin);
        runs.MapGet("/", ListHrSyncRunsAsync).WithName("ListHrSyncRuns");
        runs.MapGet("/{id:guid}", GetHrSyncRunAsync).WithName("GetHrSyncRun");
        runs.MapGet("/{id:guid}/results.csv", GetHrSyncRunResultsAsync).WithName("GetHrSyncRunResults");

        var conflicts = api.MapGroup("/hr-conflicts").WithTags("HR conflicts").RequireAuthorization(Policies.Admin);
        conflicts.MapGet("/", ListHrConflictsAsync).WithName("ListHrConflicts");
        conflicts.MapGet("/{id:guid}", GetHrConflictAsync).WithName("GetHrConflict");
        conflicts.MapPost("/{id:guid}/resolve", ResolveHrConflictAsync).WithName("ResolveHrConflict");
        return api;
    }

    public static Task<IResult> PreviewHrImportAsync(Guid subsidiaryId, HttpContext http, HrSyncService.HrSyncServiceClient client, CancellationToken ct) =>
        ImportAsync(subsidiaryId, true, http, client, ct);

    public static Task<IResult> ApplyHrImportAsync(Guid subsidiaryId, HttpContext http, HrSyncService.HrSyncServiceClient client, CancellationToken ct) =>
        ImportAsync(subsidiaryId, false, http, client, ct);

    public static async Task<IResult> ListHrSyncRunsAsync(Guid? subsidiaryId, string? status, int? page, int? pageSize, HrSyncService.HrSyncServiceClient client,
        CancellationToken ct)
    {
        if (status is { Length: > 0 } && status is not ("running" or "succeeded" or "failed"))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["must be running, succeeded or failed."] });
        var (p, size) = (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, 200));
        var result = await client.ListHrSyncRunsAsync(new ListHrSyncRunsRequest
        {
            SubsidiaryId = subsidiaryId?.ToString() ?? "", Status = status ?? "", Page = p, PageSize = size,
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<HrSyncRunDto>(result.Items.Select(HrSyncRunDto.From).ToList(), result.Total, p, size));
    }

    public static async Task<IResult> GetHrSyncRunAsync(Guid id, HrSyncService.HrSyncServiceClient client, CancellationToken ct) =>
        Results.Ok(HrSyncRunDto.From(await client.GetHrSyncRunAsync(new GetHrSyncRunRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> GetHrSyncRunResultsAsync(Guid id, HrSyncService.HrSyncServiceClient client, CancellationToken ct)
    {
        var run = await client.GetHrSyncRunAsync(new GetHrSyncRunRequest { Id = id.ToString() }, cancellationToken: ct);
        var csv = new StringBuilder("row,outcome,employeeNumber,externalId,name,message\r\n");
        var after = 0;
        while (true)
        {
            var page = await client.ListHrSyncRunRowsAsync(new ListHrSyncRunRowsRequest { RunId = run.Id, AfterRowNumber = after, PageSize = 5000 }, cancellationToken: ct);
            foreach (var r in page.Rows)
                csv.Append(r.RowNumber.ToString(CultureInfo.InvariantCulture)).Append(',').Append(r.Outcome).Append(',').Append(Cell(r.EmployeeNumber))
                    .Append(',').Append(Cell(r.ExternalId)).Append(',').Append(Cell(r.Name)).Append(',').Append(Cell(r.Message)).Append("\r\n");
            if (page.Rows.Count < 5000) break;
            after = page.Rows[^1].RowNumber;
        }
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"hr-sync-{id}.csv");
    }

    public static async Task<IResult> ListHrConflictsAsync(Guid? subsidiaryId, string? status, int? page, int? pageSize, HrSyncService.HrSyncServiceClient client,
        CancellationToken ct)
    {
        if (status is { Length: > 0 } && status is not ("open" or "resolved"))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["must be open or resolved."] });
        var (p, size) = (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, 200));
        var result = await client.ListHrConflictsAsync(new ListHrConflictsRequest
        {
            SubsidiaryId = subsidiaryId?.ToString() ?? "", Status = status ?? "", Page = p, PageSize = size,
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<HrConflictDto>(result.Items.Select(HrConflictDto.From).ToList(), result.Total, p, size));
    }

    public static async Task<IResult> GetHrConflictAsync(Guid id, HrSyncService.HrSyncServiceClient client, CancellationToken ct) =>
        Results.Ok(HrConflictDto.From(await client.GetHrConflictAsync(new GetHrConflictRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> ResolveHrConflictAsync(Guid id, ResolveHrConflictBody body, HrSyncService.HrSyncServiceClient client,
        PeopleService.PeopleServiceClient people, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "note", body.Note, MaxNoteLength);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var conflict = await client.GetHrConflictAsync(new GetHrConflictRequest { Id = id.ToString() }, cancellationToken: ct);
        if (conflict.Status == "resolved")
            return Results.Problem(statusCode: 409, title: "Conflict", detail: "The conflict is already resolved.");
        if (body.ExpectedVersion is { } expected && expected != conflict.Version)
            return Results.Problem(statusCode: 409, title: "Conflict", detail: "The conflict was changed by someone else; reload it.");
        if (body.EndRoles == true)
        {
            // Through the People command, one role at a time, each with its RoleEnded event; roles already ended are left.
            var person = await people.GetPersonAsync(new GetPersonRequest { Id = conflict.PersonId }, cancellationToken: ct);
            var endsOn = (body.EndsOn ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var roleId in conflict.RoleIds)
            {
                var role = person.Roles.FirstOrDefault(r => r.Id == roleId);
                if (role is null || (role.HasEndsOn && string.CompareOrdinal(role.EndsOn, endsOn) <= 0)) continue;
                person = await people.EndRoleAsync(new EndRoleRequest { PersonId = conflict.PersonId, RoleId = roleId, EndsOn = endsOn, ExpectedVersion = person.Version }, cancellationToken: ct);
            }
        }
        var resolved = await client.ResolveHrConflictAsync(new ResolveHrConflictRequest { Id = id.ToString(), Note = body.Note!.Trim(), ExpectedVersion = conflict.Version }, cancellationToken: ct);
        return Results.Ok(HrConflictDto.From(resolved));
    }

    static async Task<IResult> ImportAsync(Guid subsidiaryId, bool dryRun, HttpContext http, HrSyncService.HrSyncServiceClient client, CancellationToken ct)
    {
        if (!Caller.From(http.User).CanAccess(subsidiaryId)) return Problems.SubsidiaryNotFound();
        static IResult Invalid(string field, string message) => Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
        if (!http.Request.HasFormContentType) return Invalid("file", "must be sent as multipart/form-data (field 'file').");
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null) return Invalid("file", "is required: upload the CSV or XLSX file as the form field 'file'.");
        if (file.Length == 0) return Invalid("file", "is empty.");
        if (file.Length > MaxFileBytes) return Invalid("file", $"must be at most {MaxFileBytes / (1024 * 1024)} MB.");
        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".csv" or ".txt" or ".xlsx")) return Invalid("file", "must be a CSV (.csv) or Excel (.xlsx) file.");
        var kind = form["kind"].ToString().Trim().ToLowerInvariant();
        if (kind is not ("" or "employees" or "departments")) return Invalid("kind", "must be employees or departments (or empty: detected from the header).");
        await using var stream = file.OpenReadStream();
        var result = await client.ImportHrFileAsync(new ImportHrFileRequest
        {
            SubsidiaryId = subsidiaryId.ToString(), File = await ByteString.FromStreamAsync(stream, ct), FileName = Path.GetFileName(file.FileName),
            Kind = kind, DryRun = dryRun,
        }, deadline: DateTime.UtcNow + ImportDeadline, cancellationToken: ct);
        var counts = Outcomes.ToDictionary(o => o, o => result.Counts.GetValueOrDefault(o));
        return Results.Ok(new HrImportResultDto(result.Kind, dryRun, counts, result.Results.Select(HrRecordResultDto.From).ToList(),
            result.Run is null ? null : HrSyncRunDto.From(result.Run), result.ResultsTruncated));
    }

    /// <summary>A file of 500,000 employees is applied in batches within one call: far longer than the default deadline.</summary>
    static readonly TimeSpan ImportDeadline = TimeSpan.FromMinutes(5);

    /// <summary>A CSV cell, quoted when needed; a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it as a formula.</summary>
    static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
