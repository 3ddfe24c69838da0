using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attendance;

/// <summary>A page of an activity's check-ins in the order they came (the attendance export reads them page by page).</summary>
public sealed class ListCheckIns(ActivityDbContext db, ActivityAccess access)
{
    public async Task<C.ListCheckInsResponse> HandleAsync(C.ListCheckInsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("activityId", request.ActivityId).ThrowIfAny();
        var ct = context.CancellationToken;
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(request.ActivityId), track: false, ct);
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var query = db.Set<CheckIn>().AsNoTracking().Where(c => c.ActivityId == activity.Id);
        var response = new C.ListCheckInsResponse { Total = await query.CountAsync(ct) };
        response.Items.AddRange((await query.OrderBy(c => c.CheckedInAt).ThenBy(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct))
            .Select(c => c.ToContract()));
        return response;
    }
}
