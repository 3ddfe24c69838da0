using System.Globalization;
using System.Threading.RateLimiting;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Alliance.Gateway;

/// <summary>How often a caller may try (configuration section <c>RateLimits</c>).</summary>
public sealed class RateLimitSettings
{
    /// <summary>Check-ins a signed-in user may attempt per minute: a six-digit code cannot be guessed at this pace.</summary>
    public int CheckInsPerMinute { get; set; } = 30;
    /// <summary>Reads of one calendar feed per minute: calendar apps poll every quarter hour or so.</summary>
    public int CalendarFeedReadsPerMinute { get; set; } = 60;
}

/// <summary>
/// Limits on the endpoints a guess or a loop can hammer: check-in (per user, so a venue code cannot be tried through)
/// and the anonymous calendar feeds (per feed link). Over the limit: 429 with a problem and Retry-After, nothing done.
/// </summary>
public static class RateLimits
{
    public const string CheckIn = "check-in";
    public const string CalendarFeed = "calendar-feed";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            o.AddPolicy(CheckIn, http => PerMinute(Caller.From(http.User).UserName, settings.CheckInsPerMinute));
            o.AddPolicy(CalendarFeed, http => PerMinute(http.Request.RouteValues["token"] as string ?? "", settings.CalendarFeedReadsPerMinute));
        });
    }

    static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });

    static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Detail = ProblemTitles.PrefersChinese(http)
                    ? $"尝试过于频繁，请 {http.Response.Headers.RetryAfter} 秒后再试。"
                    : $"Too many attempts; try again in {http.Response.Headers.RetryAfter} s.",
            },
        });
    }
}
