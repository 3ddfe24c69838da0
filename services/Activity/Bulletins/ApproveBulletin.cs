using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>A reviewer other than the submitter approves the bulletin in review.</summary>
public sealed class ApproveBulletin(BulletinFlow flow)
{
    public Task<C.BulletinDocument> HandleAsync(C.BulletinStepRequest request, ServerCallContext context) =>
        flow.ChangeAsync(context, request.Id, request.ExpectedVersion, new FieldErrors(),
            (caller, b) => BulletinAccess.EnsureMayReview(caller, b.AllianceId, b.LeadSubsidiaryId),
            (b, by, now, _) => { b.Approve(by, now); return Task.CompletedTask; });
}
