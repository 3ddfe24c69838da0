using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Alliance.ServiceDefaults.Caching;

public static class RedisExtensions
{
    /// <summary>
    /// One shared Redis connection from <c>ConnectionStrings:{connectionName}</c>, with a readiness check.
    /// StackExchange.Redis 1.2.6 is the only version that restores here; it needs syncTimeout and keepAlive set
    /// to stay connected under load (DEPENDENCIES.md), so those are defaulted when absent.
    /// </summary>
    public static IHostApplicationBuilder AddRedisCache(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string 'ConnectionStrings:{connectionName}' is not configured.");
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        if (!connectionString.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase)) options.SyncTimeout = 15000;
        if (!connectionString.Contains("keepAlive", StringComparison.OrdinalIgnoreCase)) options.KeepAlive = 0;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration($"{connectionName}-redis",
            sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()), HealthStatus.Unhealthy,
            [ServiceDefaultsExtensions.ReadyTag]));
        return builder;
    }

    sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer", ex);
            }
        }
    }
}
