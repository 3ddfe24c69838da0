using Alliance.Activity.Data;
using Alliance.Activity.Projects;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Cooperation;

/// <summary>
/// Registers a cooperation agreement between member units of an alliance (negotiating, or signed with its day), by the
/// alliance's lead or a member unit's administrators and secretaries; with its client request id, first audit entry and
/// events (status changed; signed when signed) in one transaction.
/// </summary>
public sealed class CreateAgreement(ActivityDbContext db, JointWorkAccess access, JointWorkFlow flow, AgreementReading reading, TimeProvider clock)
{
    public async Task<C.CooperationAgreement> HandleAsync(C.CreateAgreementRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var d = request.Details;
        var errors = new FieldErrors();
        if (d is null) errors.Add("details", "is required.").ThrowIfAny();
        errors.Id("allianceId", d!.AllianceId).Required("title", d.Title, CooperationAgreement.MaxTitleLength)
            .Optional("content", d.Content, CooperationAgreement.MaxContentLength);
        if (d.MemberUnitIds.Count < 2) errors.Add("memberUnitIds", "An agreement is between at least two member units.");
        for (var i = 0; i < d.MemberUnitIds.Count; i++) errors.Id($"memberUnitIds[{i}]", d.MemberUnitIds[i]);
        var status = request.Status.Length == 0 ? AgreementStatus.Negotiating : request.Status;
        if (status is not (AgreementStatus.Negotiating or AgreementStatus.Signed)) errors.Add("status", "A new agreement is negotiating or signed.");
        var signedOn = Days.Read(errors, "signedOn", d.SignedOn, required: false);
        decimal? amount = null;
        if (d.ValueAmount.Length > 0)
        {
            if (MeasureUnits.TryParse(d.ValueAmount, out var value)) amount = value;
            else errors.Add("valueAmount", "must be a number (invariant, e.g. 500000).");
        }
        if (d.ValueUnit.Length > 0 && !MeasureUnits.IsKnown(d.ValueUnit)) errors.Add("valueUnit", $"must be one of: {string.Join(", ", MeasureUnits.All.Select(u => u.Code))}.");
        errors.ThrowIfAny();
        caller.EnsureMayPlan("register a cooperation agreement");
        var ct = context.CancellationToken;
        var id = await flow.CreateAsync(caller, "create-agreement", request.ClientRequestId, async (by, now) =>
        {
            var alliance = await access.AllianceAsync(caller, d.AllianceId, "allianceId", ct);
            JointWorkAccess.EnsureMayRegisterFor(caller, alliance, "register its cooperation agreements");
            var parties = new List<AgreementParty>();
            for (var i = 0; i < d.MemberUnitIds.Count; i++)
            {
                var unit = alliance.Members.FirstOrDefault(m => m.Current && m.Id == Guid.Parse(d.MemberUnitIds[i]))
                    ?? throw FieldErrors.Single($"memberUnitIds[{i}]", "is not a current member unit of the alliance.", StatusCode.NotFound);
                parties.Add(new AgreementParty(unit.Id, unit.OrganizationId, unit.SubsidiaryId, unit.Name));
            }
            var agreement = CooperationAgreement.Create(alliance.Id, alliance.Name, d.Title, d.Content, parties, status, signedOn, amount,
                Requests.Blank(d.ValueUnit), caller.TenantId ?? alliance.LeadSubsidiaryId, clock.GroupToday(), by, now);
            db.Add(agreement);
            db.AddRange(agreement.Changes);
            db.AddIntegrationEvent(AgreementMapping.StatusChanged(agreement, "", now));
            if (AgreementStatus.IsSigned(agreement.Status)) db.AddIntegrationEvent(AgreementMapping.Signed(agreement, now));
            return agreement.Id;
        }, ct);
        var created = await reading.FindAsync(caller, id, track: false, ct);
        return created.ToContract(JointWorkAccess.MayChange(caller, created.SubsidiaryId));
    }
}
