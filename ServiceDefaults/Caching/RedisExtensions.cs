using Alliance.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Alliance.ServiceDefaults.Caching;

/// <summary>
/// One shared Redis connection through Aspire's Redis integration (<c>AddRedisClient</c>): the client's own log through
/// the host's logging, and a span per command when telemetry is exported (ADR 31).
/// </summary>
/// <remarks>
/// The connection is made on first use, not at start, and does not fail the start when Redis is down. <c>syncTimeout</c>
/// stays 15 s unless the connection string says otherwise: the dashboard cache's invalidations wait that long for a
/// reconnect so that none is lost to a short outage (its reads give up after 0.5 s). <c>keepAlive</c> stays 0 unless given:
/// both were set for an older client, and the kill tests of the whole stack pass with them.
/// </remarks>
public static class RedisExtensions
{
    /// <summary>The name of the Redis readiness check (Aspire's own name for it).</summary>
    public const string HealthCheckName = "StackExchange.Redis";

    /// <summary>Redis from <c>ConnectionStrings:{connectionName}</c> with its health check, tagged <c>ready</c>: for a
    /// service that cannot answer without it.</summary>
    public static IHostApplicationBuilder AddRedisCache(this IHostApplicationBuilder builder, string connectionName)
    {
        if (!builder.AddRedis(connectionName, readiness: true))
            throw new InvalidOperationException($"Connection string 'ConnectionStrings:{connectionName}' is not configured.");
        return builder;
    }

    /// <summary>Redis when <c>ConnectionStrings:{connectionName}</c> is configured, without a health check: for a host that
    /// only accelerates with it. False when it is not configured.</summary>
    public static bool AddRedisConnection(this IHostApplicationBuilder builder, string connectionName) =>
        builder.AddRedis(connectionName, readiness: false);

    static bool AddRedis(this IHostApplicationBuilder builder, string connectionName, bool readiness)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrEmpty(connectionString)) return false;
        var telemetry = TelemetryExtensions.IsEnabled(builder.Configuration);
        builder.AddRedisClient(connectionName,
            settings =>
            {
                settings.DisableAutoActivation = true;
                settings.DisableHealthChecks = !readiness;
                // Aspire:StackExchange:Redis:DisableTracing=true switches the spans off where telemetry is exported (they
                // cost reporting a few MB: ADR 31).
                settings.DisableTracing |= !telemetry;
            },
            options =>
            {
                options.AbortOnConnectFail = false; // a service starts and keeps running while Redis is down
                if (!connectionString.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase)) options.SyncTimeout = 15000;
                if (!connectionString.Contains("keepAlive", StringComparison.OrdinalIgnoreCase)) options.KeepAlive = 0;
            });
        if (readiness)
        {
            builder.Services.Configure<HealthCheckServiceOptions>(o =>
            {
                foreach (var check in o.Registrations.Where(r => r.Name == HealthCheckName)) check.Tags.Add(ServiceDefaultsExtensions.ReadyTag);
            });
        }
        return true;
    }
}
