using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attendance;

/// <summary>
/// Invites a party organization, a member unit of the alliance served, or a person (asked of the organization service as
/// the caller) to an activity the caller may change: an audit entry on the activity and <c>ParticipantInvited</c>, in one
/// transaction. Inviting someone already invited returns their invitation and writes nothing.
/// </summary>
public sealed class InviteParticipant(ActivityDbContext db, ActivityChangeFlow flow, IOrganizationDirectory directory)
{
    public async Task<C.Participant> HandleAsync(C.InviteParticipantRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        switch (request.InviteeCase)
        {
            case C.InviteParticipantRequest.InviteeOneofCase.OrganizationId: errors.Id("organizationId", request.OrganizationId); break;
            case C.InviteParticipantRequest.InviteeOneofCase.MemberUnitId: errors.Id("memberUnitId", request.MemberUnitId); break;
            case C.InviteParticipantRequest.InviteeOneofCase.PersonId: errors.Id("personId", request.PersonId); break;
            default: errors.Add("invitee", "must name an organizationId, a memberUnitId or a personId."); break;
        }
        Participant? existing = null;
        var result = await flow.ChangeAsync<Participant?>(context, request.ActivityId, 0, errors, async (activity, caller, by, now, ct) =>
        {
            var invitation = await InvitationAsync(request, activity, caller, by, now, ct);
            var open = await db.Set<Participant>().Where(p => p.ActivityId == activity.Id && p.WithdrawnAt == null).ToListAsync(ct);
            existing = open.FirstOrDefault(p => p.SameInvitee(invitation));
            if (existing is not null) return null;
            if (open.Count >= Participant.MaxPerActivity)
                throw new ActivityRuleException("invitee", $"An activity takes at most {Participant.MaxPerActivity} invitations.");
            activity.RecordInvitationChange("participant-invited", new FieldChange("participants", "", $"{invitation.Name} ({invitation.KindName})"), by, now);
            db.Add(invitation);
            db.AddIntegrationEvent(AttendanceMapping.Invited(activity, invitation, now));
            return invitation;
        }, idField: "activityId");
        return (result ?? existing!).ToContract(checkedIn: 0);
    }

    async Task<Participant> InvitationAsync(C.InviteParticipantRequest request, Activities.Activity activity, CallerScope caller, Actor by,
        DateTimeOffset now, CancellationToken ct)
    {
        switch (request.InviteeCase)
        {
            case C.InviteParticipantRequest.InviteeOneofCase.PersonId:
            {
                var person = await directory.FindPersonAsync(caller, Guid.Parse(request.PersonId), ct)
                    ?? throw new ActivityRuleException("personId", "No person with that id that you may name.", StatusCode.NotFound);
                return Participant.Person(activity.Id, person.Id, person.OrganizationId, person.SubsidiaryId, person.Name, by, now);
            }
            case C.InviteParticipantRequest.InviteeOneofCase.MemberUnitId:
            {
                var unitId = Guid.Parse(request.MemberUnitId);
                var alliance = activity.AllianceId is { } allianceId ? await directory.FindAllianceAsync(caller, allianceId, ct) : null;
                var unit = alliance?.Members.FirstOrDefault(m => m.Id == unitId && m.Current)
                    ?? throw new ActivityRuleException("memberUnitId", "is not a current member unit of the alliance the activity serves.", StatusCode.NotFound);
                // An external unit sends a delegation: counted as one expected.
                var expected = unit.External ? 1 : await directory.CountMembersAsync(caller, unit.OrganizationId!.Value, unit.SubsidiaryId!.Value, ct) ?? 0;
                return Participant.MemberUnit(activity.Id, unit.Id, unit.OrganizationId, unit.SubsidiaryId, unit.Name, expected, by, now);
            }
            default:
            {
                var organizationId = Guid.Parse(request.OrganizationId);
                var organization = await directory.FindOrganizationAsync(caller, organizationId, ct);
                if (organization is null && activity.Hosts.FirstOrDefault(h => h.OrganizationId == organizationId) is { } host)
                    organization = new OrganizationFacts(organizationId, host.SubsidiaryId!.Value, host.Name, true);
                if (organization is null && activity.AllianceId is { } allianceId
                    && (await directory.FindAllianceAsync(caller, allianceId, ct))?.Members.FirstOrDefault(m => m.OrganizationId == organizationId && m.Current) is { } member)
                    organization = new OrganizationFacts(organizationId, member.SubsidiaryId!.Value, member.Name, true);
                if (organization is null)
                    throw new ActivityRuleException("organizationId", "No party organization with that id that you may name.", StatusCode.NotFound);
                if (!organization.Active)
                    throw new ActivityRuleException("organizationId", "The organization was dissolved or merged and takes no new part.");
                var members = await directory.CountMembersAsync(caller, organization.Id, organization.SubsidiaryId, ct) ?? 0;
                return Participant.Organization(activity.Id, organization.Id, organization.SubsidiaryId, organization.Name, members, by, now);
            }
        }
    }
}
