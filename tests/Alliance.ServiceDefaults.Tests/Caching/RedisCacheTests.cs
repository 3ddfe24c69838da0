using System.Collections.Concurrent;
using System.Diagnostics;
using Alliance.ServiceDefaults.Caching;
using Alliance.ServiceDefaults.Tests.Messaging;
using Alliance.Testing;
using Alliance.Testing.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Alliance.ServiceDefaults.Tests.Caching;

/// <summary>The cache through Aspire's Redis integration: a readiness check, and a span for each command when telemetry is exported.</summary>
public class RedisCacheTests
{
    /// <summary>The source Aspire's Redis integration makes its spans with.</summary>
    const string RedisSpans = "OpenTelemetry.Instrumentation.StackExchangeRedis";
    const string RequestSpans = "Alliance.Tests.Requests";
    static readonly ActivitySource Requests = new(RequestSpans);

    static IHost Build(string connectionString, string? otlpEndpoint = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = connectionString,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint,
            // No full collections in the test process while other tests time their messages.
            ["Memory:TrimWhenIdle"] = "false",
        });
        builder.AddServiceDefaults();
        builder.AddRedisCache("cache");
        return builder.Build();
    }

    static async Task<HealthReport> ReadinessAsync(IHost host) =>
        await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(ServiceDefaultsExtensions.ReadyTag));

    [Fact]
    public async Task The_cache_is_ready_when_Redis_answers()
    {
        using var host = Build((await RealServers.GetAsync()).RedisConnectionString);

        var report = await ReadinessAsync(host);

        report.Entries.Keys.Should().Equal(RedisExtensions.HealthCheckName);
        report.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task The_cache_is_not_ready_when_Redis_does_not_answer()
    {
        using var host = Build($"127.0.0.1:{FreePort.Next()},connectTimeout=1000,syncTimeout=1000");

        var report = await ReadinessAsync(host);

        report.Entries[RedisExtensions.HealthCheckName].Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public async Task A_command_is_traced_under_the_request_that_sent_it_when_telemetry_is_exported()
    {
        // Nothing listens there: the exporter's failures are its own, and switching it on is what counts.
        using var host = Build((await RealServers.GetAsync()).RedisConnectionString, otlpEndpoint: $"http://127.0.0.1:{FreePort.Next()}");
        using var spans = new SpanCollector();
        await host.StartAsync();
        try
        {
            ActivityContext request;
            using (var activity = Requests.StartActivity("GET /dashboard", ActivityKind.Server)!)
            {
                request = activity.Context;
                await host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().StringSetAsync($"tests:{Guid.NewGuid():N}", "1");
            }

            // The integration turns the client's profiled commands into spans every 10 s.
            await Eventually.TrueAsync(() => spans.Redis.Any(s => s.ParentSpanId == request.SpanId), TimeSpan.FromSeconds(30), "the command's span");
            spans.Redis.Single(s => s.ParentSpanId == request.SpanId).DisplayName.Should().Be("SET");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Listens to the Redis integration's spans (and the test's own requests, so they are made).</summary>
    sealed class SpanCollector : IDisposable
    {
        readonly ActivityListener _listener;
        readonly ConcurrentQueue<Activity> _redis = new();

        public SpanCollector()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name is RedisSpans or RequestSpans,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a => { if (a.Source.Name == RedisSpans) _redis.Enqueue(a); },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyCollection<Activity> Redis => _redis;

        public void Dispose() => _listener.Dispose();
    }
}
