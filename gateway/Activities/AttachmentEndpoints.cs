using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Auth;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Net.Http.Headers;

namespace Alliance.Gateway.Activities;

public sealed record AttachmentDto(Guid Id, Guid ActivityId, string FileName, string ContentType, long SizeBytes, string Sha256, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static AttachmentDto From(Attachment a) => new(Guid.Parse(a.Id), Guid.Parse(a.ActivityId), a.FileName, a.ContentType, a.SizeBytes, a.Sha256,
        a.UploadedBy, a.UploadedAt.ToDateTimeOffset());
}

/// <summary>
/// An activity's attachments. Uploaded as multipart/form-data (field <c>file</c>); the activity service takes only the
/// kinds of file it recognises by content. Served always as a download, with the recognised type, no sniffing and a
/// sandbox policy, so no file can run as a page of the console's origin (ADR 36).
/// </summary>
public static class AttachmentEndpoints
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static RouteGroupBuilder MapAttachmentEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/activities/{id:guid}/attachments").WithTags("Activities");
        group.MapGet("/", ListAttachmentsAsync).AllowPartners().WithName("ListAttachments");
        group.MapPost("/", UploadAttachmentAsync).RequireAuthorization(Policies.Planner).WithName("UploadAttachment");
        group.MapGet("/{attachmentId:guid}", DownloadAttachmentAsync).AllowPartners().WithName("DownloadAttachment");
        group.MapDelete("/{attachmentId:guid}", DeleteAttachmentAsync).RequireAuthorization(Policies.Planner).WithName("DeleteAttachment");
        return api;
    }

    public static async Task<IResult> ListAttachmentsAsync(Guid id, AttachmentService.AttachmentServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.ListAttachmentsAsync(new ListAttachmentsRequest { ActivityId = id.ToString() }, cancellationToken: ct)).Items.Select(AttachmentDto.From).ToList());

    public static async Task<IResult> UploadAttachmentAsync(Guid id, HttpContext http, AttachmentService.AttachmentServiceClient client, CancellationToken ct)
    {
        static IResult Invalid(string message) => Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [message] });
        if (!http.Request.HasFormContentType) return Invalid("must be sent as multipart/form-data (field 'file').");
        if (http.Request.ContentLength > MaxBytes + 64 * 1024) return Invalid($"must be at most {MaxBytes / (1024 * 1024)} MB.");
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null) return Invalid("is required: upload it as the form field 'file'.");
        if (file.Length == 0) return Invalid("is empty.");
        if (file.Length > MaxBytes) return Invalid($"must be at most {MaxBytes / (1024 * 1024)} MB.");
        await using var stream = file.OpenReadStream();
        var created = await client.UploadAttachmentAsync(new UploadAttachmentRequest
        {
            ActivityId = id.ToString(), FileName = file.FileName, Content = await ByteString.FromStreamAsync(stream, ct),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/activities/{id}/attachments/{created.Id}", AttachmentDto.From(created));
    }

    public static async Task<IResult> DownloadAttachmentAsync(Guid id, Guid attachmentId, HttpContext http, AttachmentService.AttachmentServiceClient client, CancellationToken ct)
    {
        using var call = client.DownloadAttachment(new DownloadAttachmentRequest { ActivityId = id.ToString(), AttachmentId = attachmentId.ToString() },
            deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: ct);
        // The first chunk (or the service's refusal, answered as a problem) before any header is sent.
        if (!await call.ResponseStream.MoveNext(ct)) return Results.NotFound();
        var attachment = call.ResponseStream.Current.Attachment;
        var response = http.Response;
        response.ContentType = attachment.ContentType;
        response.ContentLength = attachment.SizeBytes;
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = attachment.FileName, FileName = "attachment" + Path.GetExtension(attachment.FileName),
        }.ToString();
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        response.Headers[HeaderNames.CacheControl] = "private, no-store";
        response.Headers["X-Content-SHA256"] = attachment.Sha256;
        await response.Body.WriteAsync(call.ResponseStream.Current.Data.Memory, ct);
        while (await call.ResponseStream.MoveNext(ct)) await response.Body.WriteAsync(call.ResponseStream.Current.Data.Memory, ct);
        return Results.Empty;
    }

    public static async Task<IResult> DeleteAttachmentAsync(Guid id, Guid attachmentId, AttachmentService.AttachmentServiceClient client, CancellationToken ct)
    {
        await client.DeleteAttachmentAsync(new DeleteAttachmentRequest { ActivityId = id.ToString(), AttachmentId = attachmentId.ToString() }, cancellationToken: ct);
        return Results.NoContent();
    }
}
