using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Alliance.ServiceDefaults.Tests.Grpc.Support;
using Google.Protobuf;

namespace Alliance.ServiceDefaults.Tests.Grpc;

public sealed class GrpcMessageSizeTests
{
    private const int FourMiB = 4 * 1024 * 1024;

    [Fact]
    public async Task A_request_over_4_MiB_is_RESOURCE_EXHAUSTED_and_never_reaches_the_method()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var call = () => channel.UnaryAsync<EchoRequest, EchoReply>(GrpcTestServer.Echo.Echo,
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[FourMiB + 1]) });

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        server.State.EchoCalls.Should().Be(0);
    }

    [Fact]
    public async Task A_request_just_under_the_limit_is_served()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var reply = await channel.UnaryAsync<EchoRequest, EchoReply>(GrpcTestServer.Echo.Echo,
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[FourMiB - 16]) });

        reply.Payload.Length.Should().Be(FourMiB - 16);
    }

    [Fact]
    public async Task A_reply_over_the_servers_send_limit_is_RESOURCE_EXHAUSTED()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var call = () => channel.UnaryAsync<BigRequest, EchoReply>(GrpcTestServer.Echo.Big, new BigRequest { Size = FourMiB + 1 });

        (await call.Should().ThrowAsync<RpcException>()).Which.Status.Detail.Should().Contain("Sending message larger than max");
    }

    [Fact]
    public async Task A_reply_over_the_clients_receive_limit_is_RESOURCE_EXHAUSTED()
    {
        await using var server = await GrpcTestServer.StartAsync(transport: o => o.MaxSendMessageSize = 2 * FourMiB);
        using var channel = server.CreateChannel();

        var call = () => channel.UnaryAsync<BigRequest, EchoReply>(GrpcTestServer.Echo.Big, new BigRequest { Size = FourMiB + 1 });

        var failure = (await call.Should().ThrowAsync<RpcException>()).Which;
        failure.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        failure.Status.Detail.Should().Contain("Received message larger than max");
    }
}
