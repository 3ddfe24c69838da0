using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>
/// Nominates a person or a unit (an organization of the group, asked of the organization service as the caller) as
/// outstanding for a month (a unit: one the caller sees, or a current member unit of the alliance), in an alliance the caller's subsidiary takes part in or for the group; administrators and
/// secretaries only. Idempotent with a client request id.
/// </summary>
public sealed class Nominate(ActivityDbContext db, IOrganizationDirectory directory, TimeProvider clock)
{
    public async Task<C.Nomination> HandleAsync(C.NominateRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId, required: false)
            .Id("personId", request.PersonId, required: false).Id("organizationId", request.OrganizationId, required: false)
            .Required("reasonZh", request.ReasonZh, Nomination.MaxReasonLength).Optional("reasonEn", request.ReasonEn, Nomination.MaxReasonLength);
        if (!BulletinMapping.TryMonth(request.Month, out var month)) errors.Add("month", "must be a month as yyyy-MM.");
        if ((request.PersonId.Length > 0) == (request.OrganizationId.Length > 0)) errors.Add("nominee", "name either a person or an organization.");
        errors.ThrowIfAny();
        caller.EnsureMayPlan("nominate");
        var ct = context.CancellationToken;
        Guid? allianceId = null, lead = null;
        IReadOnlyList<Guid> visible = [];
        AllianceFacts? scope = null;
        if (request.AllianceId.Length > 0)
        {
            var alliance = await directory.FindAllianceAsync(caller, Guid.Parse(request.AllianceId), ct)
                ?? throw FieldErrors.Single("allianceId", "is no alliance you take part in.", StatusCode.NotFound);
            (allianceId, lead, scope) = (alliance.Id, alliance.LeadSubsidiaryId, alliance);
            visible = alliance.Members.Where(m => m.SubsidiaryId is not null).Select(m => m.SubsidiaryId!.Value).Append(alliance.LeadSubsidiaryId).Distinct().ToList();
        }
        var requestKey = ClientRequests.KeyFor("nominate", caller.TenantId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return (await db.Nominations.AsNoTracking().SingleAsync(n => n.Id == earlier, ct)).ToContract(caller);
        (NomineeKind Kind, Guid Id, string Name, Guid? Organization, Guid Subsidiary) nominee;
        if (request.PersonId.Length > 0)
        {
            var person = await directory.FindPersonAsync(caller, Guid.Parse(request.PersonId), ct)
                ?? throw FieldErrors.Single("personId", "is no person you see.", StatusCode.NotFound);
            nominee = (NomineeKind.Person, person.Id, person.Name, person.OrganizationId, person.SubsidiaryId);
        }
        else if (scope?.Members.FirstOrDefault(m => m.Current && m.OrganizationId == Guid.Parse(request.OrganizationId) && m.SubsidiaryId is not null) is { } member)
            nominee = (NomineeKind.Unit, member.OrganizationId!.Value, member.Name, member.OrganizationId, member.SubsidiaryId!.Value);
        else
        {
            var organization = await directory.FindOrganizationAsync(caller, Guid.Parse(request.OrganizationId), ct)
                ?? throw FieldErrors.Single("organizationId", "is no organization you see.", StatusCode.NotFound);
            nominee = (NomineeKind.Unit, organization.Id, organization.Name, organization.Id, organization.SubsidiaryId);
        }
        var now = clock.GetUtcNow().ToUniversalTime();
        var nomination = Nomination.Propose(allianceId, lead, visible, month, nominee.Kind, nominee.Id, nominee.Name, nominee.Organization, nominee.Subsidiary,
            request.ReasonZh, request.ReasonEn, new Actor(caller.UserId ?? "unknown", caller.Role), now);
        db.Add(nomination);
        db.RememberClientRequest(requestKey, nomination.Id, now);
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner) return (await db.Nominations.AsNoTracking().SingleAsync(n => n.Id == winner, ct)).ToContract(caller);
        return nomination.ToContract(caller);
    }
}
