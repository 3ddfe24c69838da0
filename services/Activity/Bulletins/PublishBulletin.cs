using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>
/// An editor or reviewer publishes the approved bulletin: its page printed to PDF in both languages (chromium, ADR 42) and
/// stored with it in the same transaction as the step and <c>BulletinPublished</c>; from then on it is immutable.
/// </summary>
public sealed class PublishBulletin(BulletinFlow flow, ActivityDbContext db, IBulletinPrinter printer)
{
    public Task<C.BulletinDocument> HandleAsync(C.BulletinStepRequest request, ServerCallContext context) =>
        flow.ChangeAsync(context, request.Id, request.ExpectedVersion, new FieldErrors(),
            (caller, b) =>
            {
                if (!BulletinAccess.MayEdit(caller, b.AllianceId, b.LeadSubsidiaryId)) BulletinAccess.EnsureMayReview(caller, b.AllianceId, b.LeadSubsidiaryId);
            },
            async (b, by, now, ct) =>
            {
                b.Publish(by, now);
                foreach (var language in BulletinPage.Languages)
                    db.Add(new BulletinPdf(b.Id, language, await printer.PrintAsync(BulletinPage.Render(b, language), ct), now));
            });
}
