using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Alliance.ServiceDefaults.Tests.Grpc.Support;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.ServiceDefaults.Tests.Grpc;

/// <summary>
/// A generated client registered with <see cref="GrpcClientExtensions.AddServiceClient{TClient}"/>: found through
/// service discovery configuration (<c>services:echo:http:N</c>, as the AppHost writes it), spread over every replica,
/// with a deadline on every call and a retry only for requests that never reached a replica.
/// </summary>
public sealed class GrpcServiceClientTests
{
    private static ServiceProvider Clients(params Uri[] replicas)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(replicas.Select((address, i) =>
            KeyValuePair.Create($"services:echo:http:{i}", (string?)address.ToString()))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddServiceClient<Echo.EchoClient>("echo");
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Calls_are_spread_over_every_replica()
    {
        await using var first = await GrpcTestServer.StartAsync(name: "first");
        await using var second = await GrpcTestServer.StartAsync(name: "second");
        await using var services = Clients(first.Address, second.Address);
        var client = services.GetRequiredService<Echo.EchoClient>();

        var answeredBy = new List<string>();
        for (var i = 0; i < 20; i++) answeredBy.Add((await client.EchoAsync(new EchoRequest { Message = "hi" })).Server);

        answeredBy.Count(s => s == "first").Should().BeInRange(5, 15);
        answeredBy.Count(s => s == "second").Should().BeInRange(5, 15);
        (first.State.EchoCalls + second.State.EchoCalls).Should().Be(20);
    }

    [Fact]
    public async Task A_replica_that_refuses_connections_is_skipped_by_the_retry()
    {
        await using var server = await GrpcTestServer.StartAsync(name: "up");
        await using var services = Clients(new Uri($"http://127.0.0.1:{ClosedPort()}"), server.Address);
        var client = services.GetRequiredService<Echo.EchoClient>();

        for (var i = 0; i < 10; i++) (await client.EchoAsync(new EchoRequest())).Server.Should().Be("up");

        server.State.EchoCalls.Should().Be(10);
    }

    [Fact]
    public async Task A_call_that_reached_a_replica_is_never_repeated_whatever_its_status()
    {
        await using var server = await GrpcTestServer.StartAsync();
        await using var services = Clients(server.Address);
        var client = services.GetRequiredService<Echo.EchoClient>();

        var call = async () => await client.FailAsync(new FailRequest { Code = (int)StatusCode.Unavailable, Detail = "down" });

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        server.State.FailCalls["down"].Should().Be(1);
    }

    [Fact]
    public async Task A_call_without_a_deadline_gets_the_default_one()
    {
        await using var server = await GrpcTestServer.StartAsync();
        await using var services = Clients(server.Address);
        var client = services.GetRequiredService<Echo.EchoClient>();

        var sent = DateTime.UtcNow;
        var reply = await client.EchoMetadataAsync(new EchoRequest());

        var deadline = DateTime.Parse(reply.Headers["deadline"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();
        deadline.Should().BeCloseTo(sent + GrpcClientExtensions.DefaultDeadline, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_call_past_its_own_deadline_is_DEADLINE_EXCEEDED_and_the_method_is_cancelled()
    {
        await using var server = await GrpcTestServer.StartAsync();
        await using var services = Clients(server.Address);
        var client = services.GetRequiredService<Echo.EchoClient>();

        var call = async () => await client.SlowAsync(new SlowRequest { DelayMs = 60_000 }, deadline: DateTime.UtcNow.AddMilliseconds(300));

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
        await server.State.SlowCallCancelled.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
