using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Meetings;

/// <summary>A joint meeting in the caller's sight, with the number of its decision items.</summary>
public sealed class GetMeeting(ActivityDbContext db, MeetingAccess access)
{
    public async Task<C.JointMeeting> HandleAsync(C.GetMeetingRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var meeting = await access.FindMeetingAsync(caller, Guid.Parse(request.Id), track: false, ct);
        return meeting.ToContract(MeetingAccess.MayChange(caller, meeting), await db.DecisionItems.CountAsync(i => i.MeetingId == meeting.Id, ct));
    }
}
