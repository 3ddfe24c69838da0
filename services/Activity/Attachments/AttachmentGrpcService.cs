using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attachments;

/// <summary>alliance.activity.v1.AttachmentService over <see cref="ActivityAttachments"/>; partners read and download.</summary>
public sealed class AttachmentGrpcService : C.AttachmentService.AttachmentServiceBase
{
    static ActivityAttachments Handler(ServerCallContext context) => context.GetHttpContext().RequestServices.GetRequiredService<ActivityAttachments>();

    public override Task<C.Attachment> UploadAttachment(C.UploadAttachmentRequest request, ServerCallContext context) =>
        Handler(context).UploadAsync(request, context);

    [PartnerAccess]
    public override Task<C.ListAttachmentsResponse> ListAttachments(C.ListAttachmentsRequest request, ServerCallContext context) =>
        Handler(context).ListAsync(request, context);

    [PartnerAccess]
    public override Task DownloadAttachment(C.DownloadAttachmentRequest request, IServerStreamWriter<C.AttachmentChunk> responseStream, ServerCallContext context) =>
        Handler(context).DownloadAsync(request, responseStream, context);

    public override Task<C.Attachment> DeleteAttachment(C.DeleteAttachmentRequest request, ServerCallContext context) =>
        Handler(context).DeleteAsync(request, context);
}
