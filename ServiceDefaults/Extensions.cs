using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Alliance.ServiceDefaults.Memory;
using Alliance.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Alliance host shares, in the shape of Aspire's ServiceDefaults template: health, logging, telemetry,
/// problem details. Databases, cache, messaging and gRPC are added by their own extensions beside this one.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        // Quiet defaults for chatty framework categories; configuration (Logging:LogLevel:...) still overrides them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        // The client factory logs every request's start and end, and Polly every attempt, at Information: per call, on the
        // hot path of every gateway request. Their failures still log as warnings.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        // Aspire's Redis integration gives the client the host's logging: it writes each step of every (re)connect, about
        // 50 lines, at Information. Its failures still log as warnings.
        builder.Logging.AddFilter("StackExchange.Redis", LogLevel.Warning);
        // EF logs the first look for its migrations table as an error on a new database; real failures still throw.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        builder.AddAllianceTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<MemoryTrimOptions>().BindConfiguration(MemoryTrimOptions.SectionName);
        builder.Services.AddHostedService<IdleMemoryTrimmer>();
        return builder;
    }

    /// <summary><c>/health</c>: every check (ready to serve); <c>/alive</c>: only the live ones (the process runs).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        return app;
    }
}
