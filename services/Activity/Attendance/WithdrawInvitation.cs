using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attendance;

/// <summary>
/// Withdraws an open invitation (kept, marked withdrawn): an audit entry on the activity and <c>InvitationWithdrawn</c>.
/// Withdrawing one already withdrawn returns it and writes nothing. Check-ins already made stay.
/// </summary>
public sealed class WithdrawInvitation(ActivityDbContext db, ActivityChangeFlow flow)
{
    public async Task<C.Participant> HandleAsync(C.WithdrawInvitationRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Id("participantId", request.ParticipantId);
        var participant = await flow.ChangeAsync(context, request.ActivityId, 0, errors, async (activity, _, by, now, ct) =>
        {
            var id = Guid.Parse(request.ParticipantId);
            var invitation = await db.Set<Participant>().SingleOrDefaultAsync(p => p.Id == id && p.ActivityId == activity.Id, ct)
                ?? throw new ActivityRuleException("participantId", "The activity has no invitation with that id.", StatusCode.NotFound);
            if (invitation.Withdrawn) return invitation;
            invitation.Withdraw(by, now);
            activity.RecordInvitationChange("invitation-withdrawn", new FieldChange("participants", $"{invitation.Name} ({invitation.KindName})", ""), by, now);
            db.AddIntegrationEvent(AttendanceMapping.Withdrawn(activity, invitation, now));
            return invitation;
        }, idField: "activityId");
        return participant.ToContract(checkedIn: 0);
    }
}
