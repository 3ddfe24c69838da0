using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.CalendarFeeds;

internal static class CalendarFeedMapping
{
    public static C.CalendarFeed ToContract(this CalendarFeed f)
    {
        var result = new C.CalendarFeed
        {
            Id = f.Id.ToString(), ScopeId = f.ScopeId.ToString(), Name = f.Name,
            Scope = f.Scope == CalendarFeedScope.Organization ? C.CalendarFeedScope.Organization : C.CalendarFeedScope.Alliance,
            CreatedAt = Timestamp.FromDateTimeOffset(f.CreatedAt), CreatedBy = f.CreatedBy, RevokedBy = f.RevokedBy ?? "",
        };
        if (f.RevokedAt is { } revoked) result.RevokedAt = Timestamp.FromDateTimeOffset(revoked);
        return result;
    }
}
