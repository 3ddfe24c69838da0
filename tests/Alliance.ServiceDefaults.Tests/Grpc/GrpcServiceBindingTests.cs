using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.ServiceDefaults.Tests.Grpc;

public sealed class GrpcServiceBindingTests
{
    [Fact]
    public async Task Mapping_a_service_that_lacks_an_rpc_method_fails_at_startup_naming_the_method()
    {
        await using var app = NewApp();

        var map = () => app.MapGrpcService<EchoWithoutBig>(EchoReflection.Descriptor.Services[0]);

        map.Should().Throw<InvalidOperationException>()
            .WithMessage("*test.interop.v1.Echo.Big*")
            .WithMessage("*Task<EchoReply> Big(BigRequest request, ServerCallContext context)*");
    }

    [Fact]
    public async Task Mapping_a_method_with_the_wrong_types_fails_at_startup_showing_what_was_found()
    {
        await using var app = NewApp();

        var map = () => app.MapGrpcService<EchoWithWrongSlow>(EchoReflection.Descriptor.Services[0]);

        map.Should().Throw<InvalidOperationException>()
            .WithMessage("*Slow*expected*Task<EchoReply> Slow(SlowRequest request, ServerCallContext context)*found Task<EchoReply> Slow(EchoRequest, ServerCallContext)*");
    }

    [Fact]
    public async Task Mapping_before_AddGrpcTransport_is_reported()
    {
        await using var app = WebApplication.CreateBuilder().Build();

        var map = () => app.MapGrpcService<Support.EchoService>(EchoReflection.Descriptor.Services[0]);

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddGrpcTransport*");
    }

    [Fact]
    public async Task Mapping_by_name_serves_each_rpc_shaped_public_method_and_nothing_else()
    {
        await using var server = await Support.GrpcTestServer.StartAsync(map: app => app.MapGrpcService<NamedEcho>("test.named.v1.Named"));
        var channel = server.CreateChannel();

        var reply = await channel.UnaryAsync<EchoRequest, EchoReply>("/test.named.v1.Named/Shout", new EchoRequest { Message = "hi" });
        reply.Message.Should().Be("HI");
        var notAnRpc = () => channel.UnaryAsync<EchoRequest, EchoReply>("/test.named.v1.Named/Whisper", new EchoRequest { Message = "hi" });
        (await notAnRpc.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unimplemented);

        GrpcServerExtensions.RpcMethodsOf(typeof(NamedEcho)).Should().Equal([("Shout", typeof(EchoRequest), typeof(EchoReply))],
            "only Task<message> Name(message, ServerCallContext) is an rpc: not a static method, another return type or other parameters");
    }

    [Fact]
    public async Task Mapping_by_name_refuses_two_rpc_methods_of_one_name()
    {
        await using var app = NewApp();

        var map = () => app.MapGrpcService<TwoShouts>("test.named.v1.Named");

        map.Should().Throw<InvalidOperationException>().WithMessage("*more than one rpc method named Shout*");
    }

    private sealed class NamedEcho
    {
        public Task<EchoReply> Shout(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoReply { Message = request.Message.ToUpperInvariant() });
        public Task<string> Whisper(EchoRequest request, ServerCallContext context) => Task.FromResult(request.Message.ToLowerInvariant());
        public Task<EchoReply> Echo(EchoRequest request) => Task.FromResult(new EchoReply());
        public static Task<EchoReply> Static(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());
    }

    private sealed class TwoShouts
    {
        public Task<EchoReply> Shout(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());
        public Task<EchoReply> Shout(SlowRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());
    }

    private static WebApplication NewApp()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddGrpcTransport();
        return builder.Build();
    }

    private sealed class EchoWithoutBig
    {
        public Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());
        public Task<EchoReply> Fail(FailRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());
        public Task<EchoReply> Slow(SlowRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());
        public Task<MetadataReply> EchoMetadata(EchoRequest request, ServerCallContext context) => Task.FromResult(new MetadataReply());
    }

    private sealed class EchoWithWrongSlow
    {
        public Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());
        public Task<EchoReply> Fail(FailRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());
        public Task<EchoReply> Slow(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());
        public Task<EchoReply> Big(BigRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());
        public Task<MetadataReply> EchoMetadata(EchoRequest request, ServerCallContext context) => Task.FromResult(new MetadataReply());
    }
}
