using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Meetings;

/// <summary>
/// Revises a joint meeting's details whole (title, time, place, minutes, attendees, linked activity), at the version last
/// read; what changed goes to its audit log with <c>JointMeetingRevised</c>; a revision that changes nothing writes nothing.
/// </summary>
public sealed class ReviseMeeting(ActivityDbContext db, MeetingAccess access, MeetingPlanning planning, TimeProvider clock)
{
    public async Task<C.JointMeeting> HandleAsync(C.ReviseMeetingRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var meeting = await access.FindMeetingAsync(caller, Guid.Parse(request.Id), track: true, ct);
        MeetingAccess.EnsureMayChange(caller, meeting);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, meeting.Version, "meeting");
        var plan = await planning.PlanAsync(caller, request.Details, ct);
        var now = clock.GetUtcNow().ToUniversalTime();
        try
        {
            if (meeting.Revise(plan, new Actor(caller.UserId ?? "unknown", caller.Role), now))
            {
                db.AddRange(meeting.Changes);
                db.AddIntegrationEvent(MeetingMapping.Revised(meeting, now));
            }
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale("meeting");
        }
        return meeting.ToContract(canChange: true, await db.DecisionItems.CountAsync(i => i.MeetingId == meeting.Id, ct));
    }
}
