using System.Net;
using System.Net.Sockets;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Alliance.ServiceDefaults.Tests.Grpc.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Alliance.ServiceDefaults.Tests.Grpc;

public sealed class GrpcChannelTests
{
    [Fact]
    public async Task Calls_are_spread_round_robin_over_the_replicas()
    {
        await using var first = await GrpcTestServer.StartAsync(name: "replica-1");
        await using var second = await GrpcTestServer.StartAsync(name: "replica-2");
        using var channel = new GrpcChannel([first.Address, second.Address]);

        var servers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var reply = await channel.UnaryAsync<EchoRequest, EchoReply>(GrpcTestServer.Echo.Echo, new EchoRequest());
            servers.Add(reply.Server);
        }

        servers.Should().HaveCount(6).And.OnlyContain(s => s == "replica-1" || s == "replica-2");
        servers.Count(s => s == "replica-1").Should().Be(3);
        servers.Count(s => s == "replica-2").Should().Be(3);
    }

    [Fact]
    public async Task An_UNAVAILABLE_call_is_retried_up_to_three_attempts()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(5));

        var call = () => channel.UnaryAsync<FailRequest, EchoReply>(GrpcTestServer.Echo.Fail,
            new FailRequest { Code = (int)StatusCode.Unavailable, Detail = "unavailable" });

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        server.State.FailCalls["unavailable"].Should().Be(3);
    }

    [Theory]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.Aborted)]
    public async Task A_call_ending_with_any_other_status_is_not_retried(StatusCode code)
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(5));

        var call = () => channel.UnaryAsync<FailRequest, EchoReply>(GrpcTestServer.Echo.Fail,
            new FailRequest { Code = (int)code, Detail = code.ToString() });

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(code);
        server.State.FailCalls[code.ToString()].Should().Be(1);
    }

    [Fact]
    public async Task A_refused_connection_is_UNAVAILABLE()
    {
        using var channel = new GrpcChannel([ClosedPortAddress()], new GrpcChannelOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5) });

        var call = () => channel.UnaryAsync<EchoRequest, EchoReply>(GrpcTestServer.Echo.Echo, new EchoRequest());

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
    }

    [Fact]
    public async Task A_replica_that_refuses_connections_is_skipped_by_the_retry()
    {
        await using var server = await GrpcTestServer.StartAsync(name: "live");
        using var channel = new GrpcChannel([ClosedPortAddress(), server.Address],
            new GrpcChannelOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5) });

        for (var i = 0; i < 4; i++)
        {
            var reply = await channel.UnaryAsync<EchoRequest, EchoReply>(GrpcTestServer.Echo.Echo, new EchoRequest());
            reply.Server.Should().Be("live");
        }
    }

    [Theory]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(500, StatusCode.Unknown)]
    public async Task An_HTTP_error_status_maps_to_the_gRPC_status_of_the_spec(int httpStatus, StatusCode expected)
    {
        await using var server = await GrpcTestServer.StartAsync(map: app =>
            app.MapPost("/test.http.v1.Http/Status", (HttpContext http) => http.Response.StatusCode = httpStatus));
        using var channel = server.CreateChannel(o => o.MaxAttempts = 1);

        var call = () => channel.UnaryAsync<EchoRequest, EchoReply>("/test.http.v1.Http/Status", new EchoRequest());

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(expected);
    }

    private static Uri ClosedPortAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
