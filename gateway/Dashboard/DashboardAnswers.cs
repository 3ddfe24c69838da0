using System.Text.Json;
using Alliance.Contracts;
using Alliance.ServiceDefaults.Caching;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alliance.Gateway.Dashboard;

/// <summary>
/// The gateway's JSON of reporting's dashboards, cached under reporting's dashboard version (ADR 29): a cached answer
/// costs one Redis read, no call to reporting and no serialization. Without Redis configured (a gateway alone in a test)
/// every answer is computed.
/// </summary>
public sealed class DashboardAnswers
{
    readonly VersionedCache? _cache;
    readonly JsonSerializerOptions _json;

    public DashboardAnswers(IServiceProvider services, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<DashboardAnswers> logger)
    {
        _json = json.Value.SerializerOptions;
        if (services.GetService<IConnectionMultiplexer>() is { } redis)
            _cache = new VersionedCache(redis, CacheRegions.Dashboards, TimeSpan.FromMinutes(10), logger);
    }

    /// <summary>The answer named <paramref name="name"/> (in the gateway's part of the region), as JSON.</summary>
    public async Task<IResult> JsonAsync<T>(string name, Func<Task<T>> compute)
    {
        async Task<byte[]> Serialized() => JsonSerializer.SerializeToUtf8Bytes(await compute(), _json);
        var body = _cache is null ? await Serialized() : await _cache.GetOrComputeAsync("gateway:" + name, Serialized);
        return Results.Bytes(body, "application/json; charset=utf-8");
    }
}
