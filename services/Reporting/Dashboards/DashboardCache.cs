using Alliance.Contracts;
using Alliance.ServiceDefaults.Caching;
using Google.Protobuf;
using StackExchange.Redis;

namespace Alliance.Reporting.Dashboards;

/// <summary>
/// Dashboards cached in Redis, shared by every replica, under the version that every projection bumps after it commits
/// (<see cref="VersionedCache"/>). The gateway caches its JSON of them under the same region (ADR 29).
/// </summary>
public sealed class DashboardCache(IConnectionMultiplexer redis, ILogger<DashboardCache> logger)
{
    static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    readonly VersionedCache _cache = new(redis, CacheRegions.Dashboards, Ttl, logger);

    public async Task<T> GetOrComputeAsync<T>(string name, MessageParser<T> parser, Func<Task<T>> compute) where T : IMessage<T> =>
        parser.ParseFrom(await _cache.GetOrComputeAsync(name, async () => (await compute()).ToByteArray()));

    /// <summary>Called after a projection has committed.</summary>
    public Task InvalidateAsync() => _cache.InvalidateAsync();
}
