using Alliance.Activity.Data;
using Alliance.Activity.Projects;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Cooperation;

/// <summary>Moves an agreement along its statuses (<see cref="AgreementStatus"/>), audited, with its events (signed when it is signed).</summary>
public sealed class ChangeAgreementStatus(ActivityDbContext db, AgreementReading reading, JointWorkFlow flow, TimeProvider clock)
{
    public async Task<C.CooperationAgreement> HandleAsync(C.ChangeAgreementStatusRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id);
        if (!AgreementStatus.All.Contains(request.Status)) errors.Add("status", $"must be one of: {string.Join(", ", AgreementStatus.All)}.");
        var signedOn = Days.Read(errors, "signedOn", request.SignedOn, required: false);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var agreement = await reading.FindAsync(caller, Guid.Parse(request.Id), track: true, ct);
        JointWorkAccess.EnsureMayChange(caller, agreement.SubsidiaryId, "cooperation agreement");
        await flow.ChangeAsync(caller, request.ExpectedVersion, agreement.Version, "cooperation agreement", (by, now) =>
        {
            var from = agreement.Status;
            agreement.ChangeStatus(request.Status, signedOn, clock.GroupToday(), by, now);
            db.AddRange(agreement.Changes);
            db.AddIntegrationEvent(AgreementMapping.StatusChanged(agreement, from, now));
            if (agreement.Status == AgreementStatus.Signed) db.AddIntegrationEvent(AgreementMapping.Signed(agreement, now));
        }, ct);
        return agreement.ToContract(canChange: true);
    }
}
