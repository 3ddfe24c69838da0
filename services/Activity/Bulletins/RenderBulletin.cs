using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>
/// The printable page of a bulletin in the language asked for, or the PDF stored when it was published (a draft has no
/// PDF yet: FAILED_PRECONDITION).
/// </summary>
public sealed class RenderBulletin(ActivityDbContext db, BulletinAccess access)
{
    public async Task<C.RenderedBulletin> HandleAsync(C.RenderBulletinRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id);
        var language = request.Language.Length == 0 ? BulletinPage.Chinese : request.Language;
        if (!BulletinPage.Languages.Contains(language)) errors.Add("language", "must be zh-CN or en-US.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var bulletin = await access.FindVisibleAsync(caller, Guid.Parse(request.Id), track: false, ct);
        var name = $"bulletin-{BulletinMapping.MonthKey(bulletin.Month)}-{language}";
        if (!request.Pdf)
            return new C.RenderedBulletin { ContentType = "text/html; charset=utf-8", Content = ByteString.CopyFromUtf8(BulletinPage.Render(bulletin, language)), FileName = name + ".html" };
        if (bulletin.State != BulletinState.Published)
            throw FieldErrors.Single("state", "A bulletin is printed to PDF when it is published.", StatusCode.FailedPrecondition);
        var pdf = await db.BulletinPdfs.AsNoTracking().SingleAsync(p => p.BulletinId == bulletin.Id && p.Language == language, ct);
        return new C.RenderedBulletin { ContentType = "application/pdf", Content = ByteString.CopyFrom(pdf.Content), FileName = name + ".pdf" };
    }
}
