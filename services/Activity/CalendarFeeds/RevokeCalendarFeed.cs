using Alliance.Activity.Activities;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.CalendarFeeds;

/// <summary>Revokes a feed link the caller manages; its link stops working at once. Revoking twice changes nothing.</summary>
public sealed class RevokeCalendarFeed(ActivityDbContext db, TimeProvider clock)
{
    public async Task<C.CalendarFeed> HandleAsync(C.RevokeCalendarFeedRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        ActivityAccess.EnsureMayMakeCalendarFeeds(caller);
        var ct = context.CancellationToken;
        var id = Guid.Parse(request.Id);
        var feed = await db.Set<CalendarFeed>().SingleOrDefaultAsync(f => f.Id == id, ct);
        if (feed is null || !ActivityAccess.MayManageCalendarFeed(caller, feed.SubsidiaryId))
            throw new RpcException(new Status(StatusCode.NotFound, "The calendar feed was not found."));
        feed.Revoke(caller.UserId ?? "unknown", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return feed.ToContract();
    }
}
