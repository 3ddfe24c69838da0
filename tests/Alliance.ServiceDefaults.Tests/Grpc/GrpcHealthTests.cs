using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Grpc.Health;
using Alliance.ServiceDefaults.Tests.Grpc.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Alliance.ServiceDefaults.Tests.Grpc;

public sealed class GrpcHealthTests : IAsyncLifetime
{
    private static readonly Google.Protobuf.Reflection.MethodDescriptor Check =
        HealthReflection.Descriptor.Services[0].FindMethodByName("Check");

    private readonly Switch _database = new();
    private GrpcTestServer _server = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _server = await GrpcTestServer.StartAsync(services: s => s.AddHealthChecks().AddCheck("database", () =>
            _database.Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database is down")));
        _channel = _server.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_healthy_server_answers_SERVING()
    {
        var reply = await _channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>(Check, new HealthCheckRequest());

        reply.Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public async Task A_server_with_a_failing_health_check_answers_NOT_SERVING()
    {
        _database.Healthy = false;

        var reply = await _channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>(Check, new HealthCheckRequest());

        reply.Status.Should().Be(HealthCheckResponse.Types.ServingStatus.NotServing);
    }

    [Fact]
    public async Task A_mapped_service_name_gets_the_servers_health()
    {
        var reply = await _channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>(Check,
            new HealthCheckRequest { Service = "test.interop.v1.Echo" });

        reply.Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public async Task An_unknown_service_name_is_NOT_FOUND()
    {
        var call = () => _channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>(Check,
            new HealthCheckRequest { Service = "alliance.nothing.v1.Nothing" });

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    private sealed class Switch
    {
        public volatile bool Healthy = true;
    }
}
