using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.CalendarFeeds;

/// <summary>The feed links the caller manages (a group admin all, others their subsidiary's), newest first.</summary>
public sealed class ListCalendarFeeds(ActivityDbContext db)
{
    public async Task<C.ListCalendarFeedsResponse> HandleAsync(C.ListCalendarFeedsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        ActivityAccess.EnsureMayMakeCalendarFeeds(caller);
        var ct = context.CancellationToken;
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var query = db.Set<CalendarFeed>().AsNoTracking();
        if (!caller.IsGroupAdmin) query = query.Where(f => f.SubsidiaryId == caller.TenantId);
        if (!request.IncludeRevoked) query = query.Where(f => f.RevokedAt == null);
        var response = new C.ListCalendarFeedsResponse { Total = await query.CountAsync(ct) };
        response.Items.AddRange((await query.OrderByDescending(f => f.CreatedAt).ThenBy(f => f.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct))
            .Select(f => f.ToContract()));
        return response;
    }
}
