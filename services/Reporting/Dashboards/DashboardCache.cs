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

    /// <summary>
    /// How long a read waits for Redis before the dashboard is computed from the database. While the connection is down,
    /// StackExchange.Redis holds commands for the reconnect (up to its 15 s timeout): a Redis restart of one second held
    /// every dashboard read for up to 9 s, and a longer outage would outlast the gateway's 10 s deadline
    /// (KillUnderLoadTests). Invalidations still wait for the reconnect, so that none is lost to a short outage.
    /// </summary>
    static readonly TimeSpan ReadWait = TimeSpan.FromMilliseconds(500);

    public async Task<T> GetOrComputeAsync<T>(string name, MessageParser<T> parser, Func<Task<T>> compute) where T : IMessage<T>
    {
        IDatabase cache;
        string key;
        try
        {
            cache = redis.GetDatabase();
            var version = (long?)await cache.StringGetAsync(VersionKey).WaitAsync(ReadWait) ?? 0;
            key = $"reporting:dashboard:{version}:{name}";
            var cached = await cache.StringGetAsync(key).WaitAsync(ReadWait);
            if (cached.HasValue) return parser.ParseFrom((byte[])cached!);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The cache is an accelerator: without it the dashboard is computed from the database.
            logger.LogWarning(ex, "Dashboard cache unavailable; computing {Name} from the database", name);
            return await compute();
        }
        var value = await compute();
        // Not awaited: the reader has its answer, and a store that fails only means the next reader computes it too.
        try { _ = cache.StringSetAsync(key, value.ToByteArray(), Ttl, flags: CommandFlags.FireAndForget); }
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
