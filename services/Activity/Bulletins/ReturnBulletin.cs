using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>A reviewer other than the submitter sends the bulletin back to draft, with the reason.</summary>
public sealed class ReturnBulletin(BulletinFlow flow)
{
    public Task<C.BulletinDocument> HandleAsync(C.BulletinStepRequest request, ServerCallContext context) =>
        flow.ChangeAsync(context, request.Id, request.ExpectedVersion, new FieldErrors().Required("reason", request.Reason, Bulletin.MaxReasonLength),
            (caller, b) => BulletinAccess.EnsureMayReview(caller, b.AllianceId, b.LeadSubsidiaryId),
            (b, by, now, _) => { b.Return(request.Reason, by, now); return Task.CompletedTask; });
}
