using Alliance.Contracts.Imports;
using System.Text;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Errors;
using Google.Protobuf;
using Microsoft.AspNetCore.Mvc;

namespace Alliance.Gateway.Import;

public sealed record TreeImportRowDto(int Line, string Code, string Name, string Kind, string Parent, string Outcome, string? Column,
    string? Reason, int? RelatedLine, string? Message, Guid? OrganizationId)
{
    public static TreeImportRowDto From(TreeImportRow r) => new(r.Line, r.Code, r.Name, r.Kind, r.Parent, OrganizationImportEndpoints.OutcomeName(r.Outcome),
        Blank(r.Column), Blank(r.Reason), r.RelatedLine > 0 ? r.RelatedLine : null, Blank(r.Message), r.HasOrganizationId ? Guid.Parse(r.OrganizationId) : null);

    static string? Blank(string value) => value.Length > 0 ? value : null;
}

public sealed record TreeImportTotals(int Rows, int Create, int Exists, int Errors);

public sealed record TreeImportResultDto(Guid SubsidiaryId, bool Applied, Guid? ImportId, TreeImportTotals Totals, IReadOnlyList<TreeImportRowDto> Rows)
{
    public static TreeImportResultDto From(TreeImportResult r) => new(Guid.Parse(r.SubsidiaryId), r.Applied, r.HasImportId ? Guid.Parse(r.ImportId) : null,
        new TreeImportTotals(r.TotalRows, r.CreateCount, r.ExistsCount, r.ErrorCount), r.Rows.Select(TreeImportRowDto.From).ToList());
}

/// <summary>
/// CSV import of a subsidiary's party tree (docs/api.md, "Organization tree import"). The file comes as the
/// multipart/form-data field <c>file</c> or as a text/csv body; the organization service reads and validates it.
/// Antiforgery is off on these endpoints: the console authenticates with a bearer token, never a cookie.
/// </summary>
public static class OrganizationImportEndpoints
{
    /// <summary>The organization service's limit (OrganizationTreeCsv.MaxBytes); the gateway refuses bigger files itself.</summary>
    public const int MaxFileBytes = 2 * 1024 * 1024;
    /// <summary>Bodies above this are cut off by Kestrel; between it and the file limit the client gets a field error.</summary>
    const long MaxRequestBytes = 8 * 1024 * 1024;
    /// <summary>A file of the maximum size (10,000 rows, each an insert and an event) takes longer than the default deadline.</summary>
    static readonly TimeSpan ImportDeadline = TimeSpan.FromSeconds(60);
    public const string TemplateFileName = "organization-tree-template.csv";

    static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "text/comma-separated-values"];

    public static string OutcomeName(TreeImportOutcome outcome) => outcome switch
    {
        TreeImportOutcome.Create => "create",
        TreeImportOutcome.Exists => "exists",
        _ => "error",
    };

    public static RouteGroupBuilder MapOrganizationImportEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/subsidiaries/{subsidiaryId:guid}/organization-imports").WithTags("Organization import");

        group.MapPost("/preview", async (Guid subsidiaryId, HttpContext http, OrganizationImportService.OrganizationImportServiceClient client, CancellationToken ct) =>
        {
            if (!Caller.From(http.User).CanAccess(subsidiaryId)) return Problems.SubsidiaryNotFound();
            var (csv, problem) = await ReadFileAsync(http.Request, ct);
            if (problem is not null) return problem;
            var result = await client.PreviewTreeImportAsync(new TreeImportRequest { SubsidiaryId = subsidiaryId.ToString(), Csv = csv }, deadline: DateTime.UtcNow + ImportDeadline, cancellationToken: ct);
            return Results.Ok(TreeImportResultDto.From(result));
        }).RequireAuthorization(Policies.Admin).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .Produces<TreeImportResultDto>().ProducesValidationProblem()
            .WithName("PreviewOrganizationTreeImport");

        group.MapPost("/", async (Guid subsidiaryId, bool? skipInvalid, HttpContext http, OrganizationImportService.OrganizationImportServiceClient client, CancellationToken ct) =>
        {
            if (!Caller.From(http.User).CanAccess(subsidiaryId)) return Problems.SubsidiaryNotFound();
            var (csv, problem) = await ReadFileAsync(http.Request, ct);
            if (problem is not null) return problem;
            var skip = skipInvalid ?? (http.Request.HasFormContentType && IsTrue(http.Request.Form["skipInvalid"]));
            var result = await client.ApplyTreeImportAsync(new TreeImportRequest
            {
                SubsidiaryId = subsidiaryId.ToString(), Csv = csv, SkipInvalid = skip, ClientRequestId = Validate.IdempotencyKey(http),
            }, deadline: DateTime.UtcNow + ImportDeadline, cancellationToken: ct);
            return Results.Ok(TreeImportResultDto.From(result));
        }).RequireAuthorization(Policies.Admin).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .Produces<TreeImportResultDto>().ProducesValidationProblem()
            .WithName("ApplyOrganizationTreeImport");

        // With a BOM, so Excel opens the Chinese names as UTF-8. Anonymous: the console links to it (a link carries no bearer token).
        api.MapGet("/organization-imports/template.csv", () =>
            Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(OrganizationTreeTemplate.Csv)).ToArray(), "text/csv; charset=utf-8", TemplateFileName))
            .AllowAnonymous().WithTags("Organization import").WithName("GetOrganizationTreeImportTemplate");

        return api;
    }

    static bool IsTrue(string? value) => value?.Trim().ToLowerInvariant() is "true" or "on" or "1" or "yes";

    static async Task<(ByteString Csv, IResult? Problem)> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        static (ByteString, IResult?) Invalid(string message) =>
            (ByteString.Empty, Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [message] }));

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is null) return Invalid("is required: upload the CSV file as the form field 'file'.");
            if (file.Length == 0) return Invalid("is empty.");
            if (file.Length > MaxFileBytes) return Invalid($"must be at most {MaxFileBytes / (1024 * 1024)} MB.");
            if (!IsCsv(file.FileName, file.ContentType)) return Invalid("must be a CSV file (.csv).");
            await using var stream = file.OpenReadStream();
            return (await ByteString.FromStreamAsync(stream, ct), null);
        }
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is null || !CsvMediaTypes.Contains(mediaType))
            return Invalid("must be sent as multipart/form-data (field 'file') or as a text/csv body.");
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxFileBytes) return Invalid($"must be at most {MaxFileBytes / (1024 * 1024)} MB.");
        }
        if (buffer.Length == 0) return Invalid("is empty.");
        return (ByteString.CopyFrom(buffer.GetBuffer(), 0, (int)buffer.Length), null);
    }

    static bool IsCsv(string fileName, string? contentType)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is ".csv" or ".txt") return true;
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return extension.Length == 0 && mediaType is not null && CsvMediaTypes.Contains(mediaType);
    }
}
