using System.Text.Json;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Grpc.Net.Client;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Alliance.ServiceDefaults.Tests.Grpc.Support;

namespace Alliance.ServiceDefaults.Tests.Grpc;

/// <summary>Grpc.AspNetCore and Grpc.Net.Client, configured as the services have them, against @grpc/grpc-js, the reference gRPC implementation for Node, both ways.</summary>
public sealed class GrpcInteropTests(NodeInterop node) : IClassFixture<NodeInterop>
{
    private const string ChineseDetail = "找不到联盟 100% (alliance not found)";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_grpc_js_client_can_call_our_server()
    {
        await using var server = await GrpcTestServer.StartAsync(name: "alliance");
        await using var client = node.StartScript("client.js", $"127.0.0.1:{server.Address.Port}");

        var line = await client.WaitForLineAsync(l => l.StartsWith('{'), Bound);
        using var results = JsonDocument.Parse(line);
        var root = results.RootElement;

        var roundTrip = root.GetProperty("roundTrip");
        roundTrip.GetProperty("code").GetInt32().Should().Be(0);
        roundTrip.GetProperty("response").GetProperty("message").GetString().Should().Be("hello from grpc-js");
        roundTrip.GetProperty("response").GetProperty("server").GetString().Should().Be("alliance");

        var failure = root.GetProperty("failure");
        failure.GetProperty("code").GetInt32().Should().Be((int)StatusCode.NotFound);
        failure.GetProperty("details").GetString().Should().Be(ChineseDetail);
        failure.GetProperty("trailers").GetProperty("x-failure-trailer").GetString().Should().Be("dotnet");

        root.GetProperty("deadline").GetProperty("code").GetInt32().Should().Be((int)StatusCode.DeadlineExceeded);
        await server.State.SlowCallCancelled.Task.WaitAsync(Bound);

        var metadata = root.GetProperty("metadata");
        metadata.GetProperty("code").GetInt32().Should().Be(0);
        var headers = metadata.GetProperty("response").GetProperty("headers");
        headers.GetProperty("tenant").GetString().Should().Be("tenant-7");
        Convert.FromBase64String(headers.GetProperty("x-token-bin").GetString()!).Should().Equal(0, 1, 2, 250);
        metadata.GetProperty("trailers").GetProperty("x-trailer").GetString().Should().Be("trailer-value");
        Convert.FromBase64String(metadata.GetProperty("trailers").GetProperty("x-trailer-bin").GetString()!).Should().Equal(1, 2, 3, 255);

        root.GetProperty("unimplemented").GetProperty("code").GetInt32().Should().Be((int)StatusCode.Unimplemented);
        (await client.WaitForExitAsync(Bound)).Should().Be(0);
    }

    [Fact]
    public async Task Our_client_can_call_a_grpc_js_server()
    {
        await using var server = node.StartScript("server.js");
        var portLine = await server.WaitForLineAsync(l => l.StartsWith("PORT ", StringComparison.Ordinal), Bound);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{portLine["PORT ".Length..]}");
        var client = new Echo.EchoClient(channel);

        var reply = await client.EchoAsync(new EchoRequest { Message = "hello from .NET" });
        reply.Message.Should().Be("hello from .NET");
        reply.Server.Should().Be("grpc-js");

        var fail = async () => await client.FailAsync(new FailRequest { Code = (int)StatusCode.PermissionDenied, Detail = ChineseDetail });
        var failure = (await fail.Should().ThrowAsync<RpcException>()).Which;
        failure.StatusCode.Should().Be(StatusCode.PermissionDenied);
        failure.Status.Detail.Should().Be(ChineseDetail);
        failure.Trailers.GetValue("x-failure-trailer").Should().Be("grpc-js");

        var slow = async () => await client.SlowAsync(new SlowRequest { DelayMs = 30_000 }, deadline: DateTime.UtcNow.AddMilliseconds(200));
        (await slow.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);

        var headers = new Metadata { { AllianceMetadata.TenantId, "tenant-9" }, { "x-token-bin", new byte[] { 0, 1, 2, 250 } } };
        var echoed = await client.EchoMetadataAsync(new EchoRequest(), headers);
        echoed.Headers[AllianceMetadata.TenantId].Should().Be("tenant-9");
        Convert.FromBase64String(echoed.Headers["x-token-bin"]).Should().Equal(0, 1, 2, 250);

        var big = async () => await client.BigAsync(new BigRequest { Size = 4 * 1024 * 1024 + 1 });
        (await big.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
    }
}
