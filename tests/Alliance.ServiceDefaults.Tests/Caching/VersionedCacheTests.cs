using Alliance.ServiceDefaults.Caching;
using Alliance.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Alliance.ServiceDefaults.Tests.Caching;

/// <summary>The versioned cache on a real Redis: one computation per version, shared by every reader, and none stale.</summary>
public class VersionedCacheTests
{
    static async Task<(ConnectionMultiplexer Redis, string Region)> RedisAsync()
    {
        var servers = await RealServers.GetAsync();
        var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        return (redis, "test:" + Guid.NewGuid().ToString("N"));
    }

    static VersionedCache Cache(IConnectionMultiplexer redis, string region) => new(redis, region, TimeSpan.FromMinutes(1), NullLogger.Instance);

    [Fact]
    public async Task An_answer_is_computed_once_per_version_and_again_after_an_invalidation()
    {
        var (redis, region) = await RedisAsync();
        await using var _ = redis;
        var computed = 0;
        Task<byte[]> Compute() => Task.FromResult(new[] { (byte)++computed });
        var cache = Cache(redis, region);

        (await cache.GetOrComputeAsync("group", Compute)).Should().Equal(1);
        (await cache.GetOrComputeAsync("group", Compute)).Should().Equal(new byte[] { 1 }, "the second read is a hit");
        computed.Should().Be(1);

        await cache.InvalidateAsync();
        (await cache.GetOrComputeAsync("group", Compute)).Should().Equal(new byte[] { 2 }, "an answer from before the change is never read again");
        (await cache.GetOrComputeAsync("other", Compute)).Should().Equal(new byte[] { 3 }, "each name is an answer of its own");
    }

    [Fact]
    public async Task Another_process_reads_what_one_stored_and_sees_its_invalidation()
    {
        var (redis, region) = await RedisAsync();
        await using var _ = redis;
        var reporting = Cache(redis, region);
        var gateway = Cache(redis, region);
        await reporting.GetOrComputeAsync("group", () => Task.FromResult(new byte[] { 7 }));
        await WaitUntilStoredAsync(redis, region);

        (await gateway.GetOrComputeAsync("group", () => Task.FromResult(new byte[] { 8 }))).Should().Equal(new byte[] { 7 }, "the store is shared");

        await reporting.InvalidateAsync();
        (await gateway.GetOrComputeAsync("group", () => Task.FromResult(new byte[] { 9 }))).Should().Equal(new byte[] { 9 },
            "the answer this process kept is of an older version");
    }

    [Fact]
    public async Task Without_Redis_every_read_computes()
    {
        var options = ConfigurationOptions.Parse("127.0.0.1:1");
        options.AbortOnConnectFail = false;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var cache = Cache(redis, "test:down");
        var computed = 0;

        (await cache.GetOrComputeAsync("group", () => Task.FromResult(new[] { (byte)++computed }))).Should().Equal(1);
        (await cache.GetOrComputeAsync("group", () => Task.FromResult(new[] { (byte)++computed }))).Should().Equal(2);
        computed.Should().Be(2, "nothing can be cached while Redis is away");
    }

    static async Task WaitUntilStoredAsync(IConnectionMultiplexer redis, string region)
    {
        for (var i = 0; i < 100 && !(await redis.GetDatabase().StringGetAsync($"{region}:0:group")).HasValue; i++) await Task.Delay(20);
    }
}
