using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Meetings;

/// <summary>A joint meeting's audit log, newest first: who recorded or revised it, when, and each field from what to what.</summary>
public sealed class GetMeetingHistory(ActivityDbContext db, MeetingAccess access)
{
    public async Task<C.MeetingHistory> HandleAsync(C.GetMeetingHistoryRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var meeting = await access.FindMeetingAsync(caller, Guid.Parse(request.Id), track: false, ct);
        var changes = await db.Set<MeetingChange>().AsNoTracking().Where(c => c.MeetingId == meeting.Id)
            .OrderByDescending(c => c.Version).ToListAsync(ct);
        var history = new C.MeetingHistory();
        history.Changes.AddRange(changes.Select(c => c.ToFieldContract<C.MeetingChange>()));
        return history;
    }
}
