using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Alliance.ServiceDefaults.Tests.Grpc.Support;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Alliance.ServiceDefaults.Tests.Grpc;

/// <summary>A service host as <see cref="GrpcServerExtensions.AddGrpcServer"/> makes it: statuses, metadata, errors and logs.</summary>
public sealed class GrpcServerTests : IAsyncLifetime
{
    private const string ChineseDetail = "找不到联盟 100% (alliance not found)";
    private readonly CapturedLogs _logs = new();
    private GrpcTestServer _server = null!;
    private Echo.EchoClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await GrpcTestServer.StartAsync(name: "alliance", logs: _logs);
        _client = new Echo.EchoClient(_server.CreateChannel());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_unary_call_returns_the_reply_of_the_service_method()
    {
        var reply = await _client.EchoAsync(new EchoRequest { Message = "你好" });

        reply.Message.Should().Be("你好");
        reply.Server.Should().Be("alliance");
    }

    [Fact]
    public async Task A_status_thrown_by_the_service_reaches_the_client_with_its_unicode_detail_and_trailers()
    {
        var call = async () => await _client.FailAsync(new FailRequest { Code = (int)StatusCode.NotFound, Detail = ChineseDetail });

        var failure = (await call.Should().ThrowAsync<RpcException>()).Which;
        failure.StatusCode.Should().Be(StatusCode.NotFound);
        failure.Status.Detail.Should().Be(ChineseDetail);
        failure.Trailers.GetValue("x-failure-trailer").Should().Be("dotnet");
        _logs.Lines.Should().Contain(l => l.Contains("/test.interop.v1.Echo/Fail finished with NotFound"));
    }

    [Fact]
    public async Task An_unexpected_exception_becomes_INTERNAL_with_a_trace_id_and_without_its_text()
    {
        var call = async () => await _client.FailAsync(new FailRequest { Code = -1, Detail = "boom" });

        var failure = (await call.Should().ThrowAsync<RpcException>()).Which;
        failure.StatusCode.Should().Be(StatusCode.Internal);
        failure.Status.Detail.Should().StartWith("An internal error occurred. Trace id: ");
        failure.Status.Detail.Should().NotContain("hunter2");
        _logs.Lines.Should().Contain(l => l.StartsWith("Error: gRPC method /test.interop.v1.Echo/Fail failed; trace id"));
    }

    [Fact]
    public async Task A_database_connection_that_broke_is_UNAVAILABLE_so_the_client_may_retry()
    {
        var call = async () => await _client.FailAsync(new FailRequest { Code = -2, Detail = "pg down" });

        var failure = (await call.Should().ThrowAsync<RpcException>()).Which;
        failure.StatusCode.Should().Be(StatusCode.Unavailable);
        failure.Status.Detail.Should().StartWith("A server this service depends on is unavailable; try again. Trace id: ");
        _logs.Lines.Should().Contain(l => l.StartsWith("Warning: gRPC method /test.interop.v1.Echo/Fail is unavailable"));
    }

    [Fact]
    public async Task The_callers_tenant_role_and_Chinese_user_id_are_read_by_the_call_context()
    {
        var headers = new Metadata
        {
            { AllianceMetadata.TenantId, "tenant-1" },
            { AllianceMetadata.UserRole, "subsidiary-admin" },
            { AllianceMetadata.UserId, AllianceMetadata.EncodeText("张三") },
            { "x-token-bin", new byte[] { 0, 1, 2, 250 } },
        };

        var call = _client.EchoMetadataAsync(new EchoRequest(), headers);
        var reply = await call;

        reply.Headers["tenant"].Should().Be("tenant-1");
        reply.Headers["role"].Should().Be("subsidiary-admin");
        reply.Headers["user"].Should().Be("张三");
        Convert.FromBase64String(reply.Headers["x-token-bin"]).Should().Equal(0, 1, 2, 250);
        var trailers = call.GetTrailers();
        trailers.GetValue("x-trailer").Should().Be("trailer-value");
        trailers.GetValueBytes("x-trailer-bin").Should().Equal(1, 2, 3, 255);
    }

    [Fact]
    public async Task A_request_with_a_control_character_is_INVALID_ARGUMENT_naming_the_field_before_the_method_runs()
    {
        var call = async () => await _client.EchoAsync(new EchoRequest { Message = "党支部\0" });

        var failure = (await call.Should().ThrowAsync<RpcException>()).Which;
        failure.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(failure).Should().ContainKey("message").WhoseValue.Should().Equal(ControlCharacters.Message);
        _server.State.EchoCalls.Should().Be(0);
        (await _client.EchoAsync(new EchoRequest { Message = "一\t二\r\n" })).Message.Should().Be("一\t二\r\n");
    }

    [Fact]
    public async Task An_unknown_method_is_UNIMPLEMENTED()
    {
        var missing = new Method<EchoRequest, EchoReply>(MethodType.Unary, "test.interop.v1.Echo", "Missing",
            Marshallers.Create(r => r.ToByteArray(), EchoRequest.Parser.ParseFrom), Marshallers.Create(r => r.ToByteArray(), EchoReply.Parser.ParseFrom));
        var call = async () => await _server.CreateChannel().CreateCallInvoker().AsyncUnaryCall(missing, null, new CallOptions(), new EchoRequest());

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unimplemented);
    }

    [Fact]
    public async Task A_request_over_the_receive_limit_is_RESOURCE_EXHAUSTED_and_never_reaches_the_method()
    {
        await using var small = await GrpcTestServer.StartAsync(grpc: o => o.MaxReceiveMessageSize = 1024);
        var client = new Echo.EchoClient(small.CreateChannel());

        var call = async () => await client.EchoAsync(new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[2048]) });

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        small.State.EchoCalls.Should().Be(0);
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(Lines);
        public void Dispose() { }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
