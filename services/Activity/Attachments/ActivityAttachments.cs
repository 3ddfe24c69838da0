using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attachments;

/// <summary>
/// An activity's attachments, each operation one method: seen by whoever sees the activity (<see cref="ActivityAccess"/>),
/// added and removed by whoever may change it, a cancelled one included (its files stay readable). Refused uploads
/// write nothing.
/// </summary>
public sealed class ActivityAttachments(ActivityDbContext db, ActivityAccess access, TimeProvider clock)
{
    const int ChunkBytes = 256 * 1024;

    public async Task<C.Attachment> UploadAsync(C.UploadAttachmentRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("activityId", request.ActivityId);
        var name = AttachmentFiles.CleanName(request.FileName ?? "");
        if (name is null) errors.Add("file", "needs a file name.");
        if (request.Content.Length == 0) errors.Add("file", "is empty.");
        else if (request.Content.Length > AttachmentFiles.MaxBytes) errors.Add("file", $"must be at most {AttachmentFiles.MaxBytes / (1024 * 1024)} MB.");
        errors.ThrowIfAny();
        var content = request.Content.ToByteArray();
        var type = AttachmentFiles.Recognise(content, name!)
            ?? throw FieldErrors.Single("file", "must be a PDF, an image (PNG, JPEG, GIF), an Office document (.docx, .xlsx, .pptx, .doc, .xls, .ppt) or UTF-8 text (.txt, .csv).");
        var ct = context.CancellationToken;
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(request.ActivityId), track: false, ct);
        ActivityAccess.EnsureMayChange(caller, activity);
        if (await Current(activity.Id).CountAsync(ct) >= AttachmentFiles.MaxPerActivity)
            throw FieldErrors.Single("file", $"An activity holds at most {AttachmentFiles.MaxPerActivity} attachments; remove one first.", StatusCode.FailedPrecondition);
        var attachment = ActivityAttachment.Create(activity.Id, name!, type, content, caller.UserId ?? caller.Role, clock.GetUtcNow().ToUniversalTime());
        db.Add(attachment);
        await db.SaveChangesAsync(ct);
        return ToContract(attachment);
    }

    public async Task<C.ListAttachmentsResponse> ListAsync(C.ListAttachmentsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("activityId", request.ActivityId).ThrowIfAny();
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(request.ActivityId), track: false, context.CancellationToken);
        var items = await Current(activity.Id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.ActivityId, a.FileName, a.ContentType, a.SizeBytes, a.Sha256, a.UploadedBy, a.UploadedAt })
            .ToListAsync(context.CancellationToken);
        var response = new C.ListAttachmentsResponse();
        response.Items.AddRange(items.Select(a => new C.Attachment
        {
            Id = a.Id.ToString(), ActivityId = a.ActivityId.ToString(), FileName = a.FileName, ContentType = a.ContentType, SizeBytes = a.SizeBytes,
            Sha256 = a.Sha256, UploadedBy = a.UploadedBy, UploadedAt = Timestamp.FromDateTimeOffset(a.UploadedAt),
        }));
        return response;
    }

    public async Task DownloadAsync(C.DownloadAttachmentRequest request, IServerStreamWriter<C.AttachmentChunk> stream, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("activityId", request.ActivityId).Id("attachmentId", request.AttachmentId).ThrowIfAny();
        var ct = context.CancellationToken;
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(request.ActivityId), track: false, ct);
        var attachment = await FindAsync(activity.Id, request.AttachmentId, track: false, ct);
        var first = true;
        for (var offset = 0; first || offset < attachment.Content.Length; offset += ChunkBytes)
        {
            var chunk = new C.AttachmentChunk { Data = ByteString.CopyFrom(attachment.Content, offset, Math.Min(ChunkBytes, attachment.Content.Length - offset)) };
            if (first) chunk.Attachment = ToContract(attachment);
            first = false;
            await stream.WriteAsync(chunk, ct);
        }
    }

    public async Task<C.Attachment> DeleteAsync(C.DeleteAttachmentRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("activityId", request.ActivityId).Id("attachmentId", request.AttachmentId).ThrowIfAny();
        var ct = context.CancellationToken;
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(request.ActivityId), track: false, ct);
        ActivityAccess.EnsureMayChange(caller, activity);
        var attachment = await FindAsync(activity.Id, request.AttachmentId, track: true, ct);
        var removed = ToContract(attachment);
        attachment.Delete(caller.UserId ?? caller.Role, clock.GetUtcNow().ToUniversalTime());
        await db.SaveChangesAsync(ct);
        return removed;
    }

    IQueryable<ActivityAttachment> Current(Guid activityId) =>
        db.Set<ActivityAttachment>().AsNoTracking().Where(a => a.ActivityId == activityId && a.DeletedAt == null);

    async Task<ActivityAttachment> FindAsync(Guid activityId, string attachmentId, bool track, CancellationToken ct)
    {
        var id = Guid.Parse(attachmentId);
        var query = db.Set<ActivityAttachment>().Where(a => a.Id == id && a.ActivityId == activityId && a.DeletedAt == null);
        return await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct)
            ?? throw FieldErrors.Single("attachmentId", "The attachment was not found.", StatusCode.NotFound);
    }

    static C.Attachment ToContract(ActivityAttachment a) => new()
    {
        Id = a.Id.ToString(), ActivityId = a.ActivityId.ToString(), FileName = a.FileName, ContentType = a.ContentType, SizeBytes = a.SizeBytes,
        Sha256 = a.Sha256, UploadedBy = a.UploadedBy, UploadedAt = Timestamp.FromDateTimeOffset(a.UploadedAt),
    };
}
