using Google.Protobuf;
using StackExchange.Redis;

namespace Alliance.Reporting.Dashboards;

/// <summary>
/// Dashboards cached in Redis, shared by every replica. Invalidation bumps a version that is part of every key,
/// after the projection commits: a reader that computed from older data stores it under an old version nobody reads
/// again, so a stale value can never outlive the change that made it stale.
/// </summary>
public sealed class DashboardCache(IConnectionMultiplexer redis, ILogger<DashboardCache> logger)
{
    const string VersionKey = "reporting:dashboard:version";
    static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    public async Task<T> GetOrComputeAsync<T>(string name, MessageParser<T> parser, Func<Task<T>> compute) where T : IMessage<T>
    {
        IDatabase cache;
        string key;
        try
        {
            cache = redis.GetDatabase();
            var version = (long?)await cache.StringGetAsync(VersionKey) ?? 0;
            key = $"reporting:dashboard:{version}:{name}";
            var cached = await cache.StringGetAsync(key);
            if (cached.HasValue) return parser.ParseFrom((byte[])cached!);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The cache is an accelerator: without it the dashboard is computed from the database.
            logger.LogWarning(ex, "Dashboard cache unavailable; computing {Name} from the database", name);
            return await compute();
        }
        var value = await compute();
        try { await cache.StringSetAsync(key, value.ToByteArray(), Ttl); }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { logger.LogWarning(ex, "Could not cache {Name}", name); }
        return value;
    }

    /// <summary>Called after a projection has committed.</summary>
    public async Task InvalidateAsync()
    {
        try { await redis.GetDatabase().StringIncrementAsync(VersionKey); }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not invalidate the dashboard cache; entries expire within {Ttl}", Ttl);
        }
    }
}
