using Alliance.ServiceDefaults.Tests.Grpc.Support;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Alliance.ServiceDefaults.Tests.Grpc;

/// <summary>grpc.health.v1 answers what /health answers: every registered ASP.NET health check.</summary>
public sealed class GrpcHealthTests : IAsyncLifetime
{
    private readonly Switch _database = new();
    private GrpcTestServer _server = null!;
    private Health.HealthClient _health = null!;

    public async Task InitializeAsync()
    {
        _server = await GrpcTestServer.StartAsync(services: s => s.AddHealthChecks().AddCheck("database", () =>
            _database.Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database is down")));
        _health = new Health.HealthClient(_server.CreateChannel());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_healthy_server_answers_SERVING()
    {
        var reply = await _health.CheckAsync(new HealthCheckRequest());

        reply.Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public async Task A_server_with_a_failing_health_check_answers_NOT_SERVING_at_once()
    {
        (await _health.CheckAsync(new HealthCheckRequest())).Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
        _database.Healthy = false;

        var reply = await _health.CheckAsync(new HealthCheckRequest());

        reply.Status.Should().Be(HealthCheckResponse.Types.ServingStatus.NotServing);
    }

    [Fact]
    public async Task An_unknown_service_name_is_NOT_FOUND()
    {
        var call = async () => await _health.CheckAsync(new HealthCheckRequest { Service = "alliance.nothing.v1.Nothing" });

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    private sealed class Switch
    {
        public volatile bool Healthy = true;
    }
}
