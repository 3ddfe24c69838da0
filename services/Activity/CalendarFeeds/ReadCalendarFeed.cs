using Alliance.Activity.Activities;
using Alliance.Activity.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.CalendarFeeds;

/// <summary>
/// A feed's activities for a calendar app, found by the token alone (no caller): the organization's hosted activities or
/// the alliance's, from <see cref="PastDays"/> ago to <see cref="FutureDays"/> ahead, cancelled ones included (the app
/// shows them cancelled), at most <see cref="MaxEvents"/>. An unknown, malformed or revoked token is NOT_FOUND.
/// </summary>
public sealed class ReadCalendarFeed(ActivityDbContext db, TimeProvider clock)
{
    public const int PastDays = 180;
    public const int FutureDays = 400;
    public const int MaxEvents = 2_000;

    public async Task<C.CalendarFeedContent> HandleAsync(C.ReadCalendarFeedRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!CalendarFeed.IsWellFormed(request.Token)) throw NotFound();
        var hash = CalendarFeed.Hash(request.Token);
        var feed = await db.Set<CalendarFeed>().AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash && f.RevokedAt == null, ct) ?? throw NotFound();
        var now = clock.GetUtcNow().ToUniversalTime();
        var (from, to) = (now.AddDays(-PastDays), now.AddDays(FutureDays));
        var query = db.Activities.AsNoTracking().Where(a => a.StartsAt >= from && a.StartsAt < to);
        query = feed.Scope == CalendarFeedScope.Organization
            ? query.Where(a => a.Hosts.Any(h => h.OrganizationId == feed.ScopeId))
            : query.Where(a => a.AllianceId == feed.ScopeId);
        var activities = await query.OrderBy(a => a.StartsAt).ThenBy(a => a.Id).Take(MaxEvents).Include(a => a.Hosts).AsSplitQuery().ToListAsync(ct);
        var types = await db.ActivityTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var result = new C.CalendarFeedContent { Feed = feed.ToContract() };
        result.Activities.AddRange(activities.Select(a => a.ToContract(types.GetValueOrDefault(a.TypeId), canChange: false)));
        return result;
    }

    static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The calendar feed was not found or was revoked."));
}
