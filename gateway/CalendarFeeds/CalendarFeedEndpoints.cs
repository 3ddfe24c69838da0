using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;
using Alliance.Gateway.Auth;
using Grpc.Core;

namespace Alliance.Gateway.CalendarFeeds;

public sealed record CalendarFeedBody(Guid? OrganizationId, Guid? AllianceId);

public sealed record CalendarFeedDto(Guid Id, string Scope, Guid ScopeId, string Name, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public static CalendarFeedDto From(CalendarFeed f) => new(Guid.Parse(f.Id), f.Scope == CalendarFeedScope.Organization ? "organization" : "alliance",
        Guid.Parse(f.ScopeId), f.Name, ActivityTimes.InGroupTime(f.CreatedAt.ToDateTimeOffset()), f.CreatedBy,
        f.RevokedAt is null ? null : ActivityTimes.InGroupTime(f.RevokedAt.ToDateTimeOffset()), f.RevokedBy.Length == 0 ? null : f.RevokedBy);
}

/// <summary>A new feed link: the URL to subscribe to, which holds the token and is shown only this once.</summary>
public sealed record CreatedCalendarFeedDto(CalendarFeedDto Feed, string Url);

/// <summary>
/// Subscribable iCalendar feeds of an organization's or an alliance's activities. Calendar apps send no bearer token, so
/// the feed is read anonymously at a URL holding an unguessable token that grants that feed only (ADR 32); making,
/// listing and revoking links is for administrators and secretaries.
/// </summary>
public static class CalendarFeedEndpoints
{
    public static RouteGroupBuilder MapCalendarFeedEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/calendar-feeds").WithTags("Calendar feeds");
        group.MapGet("/", ListFeedsAsync).RequireAuthorization(Policies.Planner).WithName("ListCalendarFeeds");
        group.MapPost("/", CreateFeedAsync).RequireAuthorization(Policies.Planner).WithName("CreateCalendarFeed");
        group.MapPost("/{id:guid}/revoke", RevokeFeedAsync).RequireAuthorization(Policies.Planner).WithName("RevokeCalendarFeed");
        group.MapGet("/{token}.ics", ReadFeedAsync).AllowAnonymous().RequireRateLimiting(RateLimits.CalendarFeed).WithName("ReadCalendarFeed");
        return api;
    }

    public static async Task<IResult> ListFeedsAsync(int? page, int? pageSize, bool? includeRevoked, CalendarFeedService.CalendarFeedServiceClient client, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await client.ListCalendarFeedsAsync(new ListCalendarFeedsRequest { Page = p, PageSize = size, IncludeRevoked = includeRevoked ?? false }, cancellationToken: ct);
        return Results.Ok(new PagedList<CalendarFeedDto>(result.Items.Select(CalendarFeedDto.From).ToList(), result.Total, p, size));
    }

    public static async Task<IResult> CreateFeedAsync(CalendarFeedBody body, HttpContext http, CalendarFeedService.CalendarFeedServiceClient client, CancellationToken ct)
    {
        if (body.OrganizationId is null == body.AllianceId is null)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = ["must name exactly one of organizationId and allianceId."] });
        var request = body.OrganizationId is { } o ? new CreateCalendarFeedRequest { OrganizationId = o.ToString() } : new CreateCalendarFeedRequest { AllianceId = body.AllianceId!.Value.ToString() };
        var created = await client.CreateCalendarFeedAsync(request, cancellationToken: ct);
        http.Response.Headers.CacheControl = "no-store";
        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/v1/calendar-feeds/{created.Token}.ics";
        return Results.Created($"/api/v1/calendar-feeds/{created.Feed.Id}", new CreatedCalendarFeedDto(CalendarFeedDto.From(created.Feed), url));
    }

    public static async Task<IResult> RevokeFeedAsync(Guid id, CalendarFeedService.CalendarFeedServiceClient client, CancellationToken ct) =>
        Results.Ok(CalendarFeedDto.From(await client.RevokeCalendarFeedAsync(new RevokeCalendarFeedRequest { Id = id.ToString() }, cancellationToken: ct)));

    /// <summary>The feed as text/calendar; an unknown or revoked token is a 404 problem (nothing tells which).</summary>
    public static async Task<IResult> ReadFeedAsync(string token, CalendarFeedService.CalendarFeedServiceClient client, CancellationToken ct)
    {
        var content = await client.ReadCalendarFeedAsync(new ReadCalendarFeedRequest { Token = token }, cancellationToken: ct);
        return Results.Text(ICalendar.Write(content.Feed.Name, content.Activities, DateTimeOffset.UtcNow), "text/calendar; charset=utf-8", System.Text.Encoding.UTF8);
    }
}
