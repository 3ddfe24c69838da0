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
