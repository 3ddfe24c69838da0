using Alliance.Activity.Attachments;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>
/// Evidence files of a project's milestones, under the activity attachments' file rules (recognised by content, at most
/// <see cref="AttachmentFiles.MaxBytes"/>): added by whoever may change the project, read by whoever sees it.
/// </summary>
public sealed class MilestoneEvidenceFiles(ActivityDbContext db, ProjectReading reading, TimeProvider clock)
{
    public const int MaxPerMilestone = 20;
    const int ChunkBytes = 256 * 1024;

    public async Task<C.MilestoneEvidence> UploadAsync(C.UploadMilestoneEvidenceRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("projectId", request.ProjectId).Id("milestoneId", request.MilestoneId);
        var name = AttachmentFiles.CleanName(request.FileName ?? "");
        if (name is null) errors.Add("file", "needs a file name.");
        if (request.Content.Length == 0) errors.Add("file", "is empty.");
        else if (request.Content.Length > AttachmentFiles.MaxBytes) errors.Add("file", $"must be at most {AttachmentFiles.MaxBytes / (1024 * 1024)} MB.");
        errors.ThrowIfAny();
        var content = request.Content.ToByteArray();
        var type = AttachmentFiles.Recognise(content, name!)
            ?? throw FieldErrors.Single("file", "must be a PDF, an image (PNG, JPEG, GIF), an Office document (.docx, .xlsx, .pptx, .doc, .xls, .ppt) or UTF-8 text (.txt, .csv).");
        var ct = context.CancellationToken;
        var project = await reading.FindAsync(caller, Guid.Parse(request.ProjectId), track: false, ct);
        JointWorkAccess.EnsureMayChange(caller, project.SubsidiaryId, "project");
        var milestone = project.Milestones.FirstOrDefault(m => m.Id == Guid.Parse(request.MilestoneId))
            ?? throw FieldErrors.Single("milestoneId", "The project has no such milestone.", StatusCode.NotFound);
        if (await db.Set<MilestoneEvidence>().CountAsync(e => e.MilestoneId == milestone.Id, ct) >= MaxPerMilestone)
            throw FieldErrors.Single("file", $"A milestone holds at most {MaxPerMilestone} evidence files.", StatusCode.FailedPrecondition);
        var evidence = MilestoneEvidence.Create(project.Id, milestone.Id, name!, type, content, caller.UserId ?? caller.Role, clock.GetUtcNow().ToUniversalTime());
        db.Add(evidence);
        await db.SaveChangesAsync(ct);
        return ProjectMapping.ToContract(evidence);
    }

    public async Task DownloadAsync(C.DownloadMilestoneEvidenceRequest request, IServerStreamWriter<C.MilestoneEvidenceChunk> stream, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("projectId", request.ProjectId).Id("evidenceId", request.EvidenceId).ThrowIfAny();
        var ct = context.CancellationToken;
        var project = await reading.FindAsync(caller, Guid.Parse(request.ProjectId), track: false, ct);
        var id = Guid.Parse(request.EvidenceId);
        var evidence = await db.Set<MilestoneEvidence>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.ProjectId == project.Id, ct)
            ?? throw FieldErrors.Single("evidenceId", "The evidence was not found.", StatusCode.NotFound);
        for (var offset = 0; offset == 0 || offset < evidence.Content.Length; offset += ChunkBytes)
        {
            var chunk = new C.MilestoneEvidenceChunk { Data = ByteString.CopyFrom(evidence.Content, offset, Math.Min(ChunkBytes, evidence.Content.Length - offset)) };
            if (offset == 0) chunk.Evidence = ProjectMapping.ToContract(evidence);
            await stream.WriteAsync(chunk, ct);
        }
    }
}
