using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.CalendarFeeds;

/// <summary>alliance.activity.v1.CalendarFeedService: each rpc a use case of its own file, resolved for the call only.</summary>
public sealed class CalendarFeedGrpcService : C.CalendarFeedService.CalendarFeedServiceBase
{
    public override Task<C.CreatedCalendarFeed> CreateCalendarFeed(C.CreateCalendarFeedRequest request, ServerCallContext context) =>
        Handler<CreateCalendarFeed>(context).HandleAsync(request, context);

    public override Task<C.ListCalendarFeedsResponse> ListCalendarFeeds(C.ListCalendarFeedsRequest request, ServerCallContext context) =>
        Handler<ListCalendarFeeds>(context).HandleAsync(request, context);

    public override Task<C.CalendarFeed> RevokeCalendarFeed(C.RevokeCalendarFeedRequest request, ServerCallContext context) =>
        Handler<RevokeCalendarFeed>(context).HandleAsync(request, context);

    public override Task<C.CalendarFeedContent> ReadCalendarFeed(C.ReadCalendarFeedRequest request, ServerCallContext context) =>
        Handler<ReadCalendarFeed>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<CreateCalendarFeed>();
        services.AddScoped<ListCalendarFeeds>();
        services.AddScoped<RevokeCalendarFeed>();
        services.AddScoped<ReadCalendarFeed>();
    }
}
