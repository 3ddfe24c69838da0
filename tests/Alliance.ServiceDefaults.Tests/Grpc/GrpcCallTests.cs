using System.Net;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Alliance.ServiceDefaults.Tests.Grpc.Support;
using Google.Protobuf;

namespace Alliance.ServiceDefaults.Tests.Grpc;

public sealed class GrpcCallTests : IAsyncLifetime
{
    private GrpcTestServer _server = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _server = await GrpcTestServer.StartAsync();
        _channel = _server.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_unary_call_returns_the_reply_of_the_service_method()
    {
        var reply = await _channel.UnaryAsync<EchoRequest, EchoReply>(GrpcTestServer.Echo.Echo,
            new EchoRequest { Message = "联盟 hello", Payload = ByteString.CopyFrom(1, 2, 3) });

        reply.Message.Should().Be("联盟 hello");
        reply.Payload.ToByteArray().Should().Equal(1, 2, 3);
        reply.Server.Should().Be("server");
    }

    [Fact]
    public async Task A_call_by_full_method_path_reaches_the_same_method()
    {
        var reply = await _channel.UnaryAsync<EchoRequest, EchoReply>("/test.interop.v1.Echo/Echo", new EchoRequest { Message = "by path" });

        reply.Message.Should().Be("by path");
    }

    [Fact]
    public async Task A_status_thrown_by_the_service_reaches_the_client_with_its_unicode_detail()
    {
        const string detail = "找不到联盟 100% (alliance not found)";

        var call = () => _channel.UnaryAsync<FailRequest, EchoReply>(GrpcTestServer.Echo.Fail,
            new FailRequest { Code = (int)StatusCode.NotFound, Detail = detail });

        var failure = (await call.Should().ThrowAsync<RpcException>()).Which;
        failure.StatusCode.Should().Be(StatusCode.NotFound);
        failure.Status.Detail.Should().Be(detail);
        failure.Trailers.GetValue("x-failure-trailer").Should().Be("dotnet");
    }

    [Fact]
    public async Task The_server_percent_encodes_a_unicode_status_message_on_the_wire()
    {
        using var http = RawGrpc.CreateHttp2Client();
        var request = RawGrpc.Request(_server.Address, "/test.interop.v1.Echo/Fail",
            RawGrpc.Frame(new FailRequest { Code = (int)StatusCode.FailedPrecondition, Detail = "联盟 50%" }));

        using var response = await http.SendAsync(request);
        var (status, message) = await RawGrpc.ReadStatusAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        status.Should().Be("9");
        message.Should().Be("%E8%81%94%E7%9B%9F 50%25");
    }

    [Fact]
    public async Task An_unexpected_exception_becomes_INTERNAL_with_a_trace_id_and_without_its_text()
    {
        var call = () => _channel.UnaryAsync<FailRequest, EchoReply>(GrpcTestServer.Echo.Fail, new FailRequest { Code = -1, Detail = "boom" });

        var failure = (await call.Should().ThrowAsync<RpcException>()).Which;
        failure.StatusCode.Should().Be(StatusCode.Internal);
        failure.Status.Detail.Should().StartWith("An internal error occurred. Trace id: ");
        failure.Status.Detail.Should().NotContainAny("hunter2", "secret-db", "InvalidOperationException");
    }

    [Fact]
    public async Task An_unknown_method_of_a_mapped_service_is_UNIMPLEMENTED()
    {
        var call = () => _channel.UnaryAsync<EchoRequest, EchoReply>("/test.interop.v1.Echo/Missing", new EchoRequest());

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unimplemented);
    }

    [Fact]
    public async Task An_unknown_service_is_UNIMPLEMENTED()
    {
        var call = () => _channel.UnaryAsync<EchoRequest, EchoReply>("/test.nothing.v1.Nothing/Echo", new EchoRequest());

        var failure = (await call.Should().ThrowAsync<RpcException>()).Which;
        failure.StatusCode.Should().Be(StatusCode.Unimplemented);
        failure.Status.Detail.Should().Contain("test.nothing.v1.Nothing");
    }

    [Fact]
    public async Task A_request_that_is_not_application_grpc_gets_HTTP_415()
    {
        using var http = RawGrpc.CreateHttp2Client();
        var request = RawGrpc.Request(_server.Address, "/test.interop.v1.Echo/Echo", "{}"u8.ToArray(), "application/json");

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_request_with_content_type_application_grpc_proto_is_served()
    {
        using var http = RawGrpc.CreateHttp2Client();
        var request = RawGrpc.Request(_server.Address, "/test.interop.v1.Echo/Echo",
            RawGrpc.Frame(new EchoRequest { Message = "proto" }), "application/grpc+proto");

        using var response = await http.SendAsync(request);
        var (status, _) = await RawGrpc.ReadStatusAsync(response);

        status.Should().Be("0");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/grpc");
    }

    [Fact]
    public async Task A_compressed_message_without_a_negotiated_encoding_is_rejected_as_INTERNAL()
    {
        using var http = RawGrpc.CreateHttp2Client();
        var request = RawGrpc.Request(_server.Address, "/test.interop.v1.Echo/Echo",
            RawGrpc.Frame(new EchoRequest { Message = "zipped?" }, compressedFlag: 1));

        using var response = await http.SendAsync(request);
        var (status, _) = await RawGrpc.ReadStatusAsync(response);

        status.Should().Be(((int)StatusCode.Internal).ToString());
        _server.State.EchoCalls.Should().Be(0);
    }

    [Fact]
    public async Task A_method_descriptor_whose_types_differ_from_the_call_is_refused_before_sending()
    {
        var call = () => _channel.UnaryAsync<EchoRequest, EchoReply>(GrpcTestServer.Echo.EchoMetadata, new EchoRequest());

        await call.Should().ThrowAsync<ArgumentException>().WithMessage("*EchoMetadata*");
    }
}
