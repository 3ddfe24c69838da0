using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Meetings;

/// <summary>A joint meeting in the caller's sight, with the number of its decision items (for a partner: of their own).</summary>
public sealed class GetMeeting(MeetingAccess access)
{
    public async Task<C.JointMeeting> HandleAsync(C.GetMeetingRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var meeting = await access.FindMeetingAsync(caller, Guid.Parse(request.Id), track: false, ct);
        var items = await access.CountedItemsAsync(caller, ct);
        return MeetingAccess.Shown(caller, meeting.ToContract(MeetingAccess.MayChange(caller, meeting), await items.CountAsync(i => i.MeetingId == meeting.Id, ct)));
    }
}
