using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Meetings;

/// <summary>Records a joint meeting of an alliance; with its client request id and <c>JointMeetingRecorded</c> in one SaveChanges.</summary>
public sealed class RecordMeeting(ActivityDbContext db, MeetingPlanning planning, TimeProvider clock)
{
    public async Task<C.JointMeeting> HandleAsync(C.RecordMeetingRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        caller.EnsureMayPlan("record a joint meeting");
        var ct = context.CancellationToken;
        var requestKey = ClientRequests.KeyFor("record-meeting", caller.TenantId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await LoadAsync(earlier, ct);

        var plan = await planning.PlanAsync(caller, request.Details, ct);
        var now = clock.GetUtcNow().ToUniversalTime();
        JointMeeting meeting;
        try
        {
            meeting = JointMeeting.Record(plan, caller.TenantId, new Actor(caller.UserId ?? "unknown", caller.Role), now);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        db.Add(meeting);
        db.AddRange(meeting.Changes);
        db.RememberClientRequest(requestKey, meeting.Id, now);
        db.AddIntegrationEvent(MeetingMapping.Recorded(meeting, now));
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner) return await LoadAsync(winner, ct);
        return meeting.ToContract(canChange: true, decisionItemCount: 0);
    }

    async Task<C.JointMeeting> LoadAsync(Guid id, CancellationToken ct)
    {
        var meeting = await db.JointMeetings.AsNoTracking().SingleAsync(m => m.Id == id, ct);
        return meeting.ToContract(canChange: true, await db.DecisionItems.CountAsync(i => i.MeetingId == id, ct));
    }
}
