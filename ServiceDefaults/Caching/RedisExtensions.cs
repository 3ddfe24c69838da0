using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Alliance.ServiceDefaults.Caching;

public static class RedisExtensions
{
    /// <summary>
    /// One shared Redis connection from <c>ConnectionStrings:{connectionName}</c>, with a readiness check: for a service
    /// that cannot answer without it.
    /// </summary>
    public static IHostApplicationBuilder AddRedisCache(this IHostApplicationBuilder builder, string connectionName)
    {
        if (!builder.AddRedisConnection(connectionName))
            throw new InvalidOperationException($"Connection string 'ConnectionStrings:{connectionName}' is not configured.");
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration($"{connectionName}-redis",
            sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()), HealthStatus.Unhealthy,
            [ServiceDefaultsExtensions.ReadyTag]));
        return builder;
    }

    /// <summary>
    /// One shared Redis connection when <c>ConnectionStrings:{connectionName}</c> is configured, without a readiness
    /// check: for a host that only accelerates with it. False when it is not configured. The connection does not fail
    /// the start when Redis is down, and waits up to 15 s for a command (syncTimeout) unless the string says otherwise.
    /// </summary>
    public static bool AddRedisConnection(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrEmpty(connectionString)) return false;
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        if (!connectionString.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase)) options.SyncTimeout = 15000;
        if (!connectionString.Contains("keepAlive", StringComparison.OrdinalIgnoreCase)) options.KeepAlive = 0;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        return true;
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
