using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Alliance.ServiceDefaults.Caching;

/// <summary>
/// Answers cached in Redis under a version that is part of every key, one version per region. The owner of the data
/// bumps the version after a change has committed: an answer computed from older data was stored under an older version
/// that nobody reads again, so a stale answer never outlives the change that made it stale. The reporting service caches
/// its dashboards so; the gateway caches its JSON of them under the same region and version (ADR 29).
/// <para>
/// The cache is an accelerator: a read waits at most <see cref="ReadWait"/> for Redis and then computes (while the
/// connection is down, StackExchange.Redis holds commands for the reconnect for up to 15 s; KillUnderLoadTests), and a
/// store is not awaited. An invalidation waits for the reconnect, so none is lost to a short outage.
/// </para>
/// </summary>
public sealed class VersionedCache(IConnectionMultiplexer redis, string region, TimeSpan ttl, ILogger logger)
{
    static readonly TimeSpan ReadWait = TimeSpan.FromMilliseconds(500);

    /// <summary>Answers kept in this process too, each with the version it was read at: a hit costs one Redis read.</summary>
    const int MaxLocalAnswers = 1000;

    readonly string _versionKey = $"{region}:version";
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Version, byte[] Value)> _local = new();

    /// <summary>The answer stored under <paramref name="name"/> at the current version, or the one computed now (and stored).</summary>
    public async Task<byte[]> GetOrComputeAsync(string name, Func<Task<byte[]>> compute)
    {
        IDatabase cache;
        string key;
        long version;
        try
        {
            cache = redis.GetDatabase();
            version = await CurrentVersionAsync(cache);
            if (_local.TryGetValue(name, out var local) && local.Version == version) return local.Value;
            key = KeyAt(version, name);
            var cached = await cache.StringGetAsync(key).WaitAsync(ReadWait);
            if (cached.HasValue) return Remember(name, version, (byte[])cached!);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Cache {Region} unavailable; computing {Name}", region, name);
            return await compute();
        }
        var value = await compute();
        try { _ = cache.StringSetAsync(key, value, ttl, flags: CommandFlags.FireAndForget); }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { logger.LogWarning(ex, "Could not cache {Name}", name); }
        return Remember(name, version, value);
    }

    byte[] Remember(string name, long version, byte[] value)
    {
        if (_local.Count >= MaxLocalAnswers) _local.Clear();
        _local[name] = (version, value);
        return value;
    }

    /// <summary>The region's current version (0 before the first change); throws when Redis does not answer in time.</summary>
    public async Task<long> CurrentVersionAsync(IDatabase? cache = null) =>
        (long?)await (cache ?? redis.GetDatabase()).StringGetAsync(_versionKey).WaitAsync(ReadWait) ?? 0;

    string KeyAt(long version, string name) => $"{region}:{version}:{name}";

    /// <summary>Makes every answer stored so far unreachable; call it after the change has committed.</summary>
    public async Task InvalidateAsync()
    {
        try { await redis.GetDatabase().StringIncrementAsync(_versionKey); }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not invalidate the cache {Region}; its entries expire within {Ttl}", region, ttl);
        }
    }
}
