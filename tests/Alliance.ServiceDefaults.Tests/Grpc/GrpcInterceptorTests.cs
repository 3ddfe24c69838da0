using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Alliance.ServiceDefaults.Tests.Grpc.Support;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.ServiceDefaults.Tests.Grpc;

public sealed class GrpcInterceptorTests
{
    [Fact]
    public async Task A_registered_interceptor_runs_around_every_call_with_services_from_DI()
    {
        await using var server = await GrpcTestServer.StartAsync(
            transport: o => o.Interceptors.Add<TenantRequiredInterceptor>(),
            services: s => s.AddSingleton(new RequiredTenant("tenant-1")));
        using var channel = server.CreateChannel();

        var withoutTenant = () => channel.UnaryAsync<EchoRequest, EchoReply>(GrpcTestServer.Echo.Echo, new EchoRequest());
        var reply = await channel.UnaryAsync<EchoRequest, EchoReply>(GrpcTestServer.Echo.Echo, new EchoRequest { Message = "ok" },
            new CallOptions(Headers: new Metadata().Add(AllianceMetadata.TenantId, "tenant-1")));

        (await withoutTenant.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        reply.Message.Should().Be("ok");
        server.State.EchoCalls.Should().Be(1);
    }

    [Fact]
    public async Task A_request_with_a_control_character_is_INVALID_ARGUMENT_naming_the_field_before_the_method_runs()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var call = () => channel.UnaryAsync<EchoRequest, EchoReply>(GrpcTestServer.Echo.Echo, new EchoRequest { Message = "党支部\0" });

        var failure = (await call.Should().ThrowAsync<RpcException>()).Which;
        failure.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(failure).Should().ContainKey("message").WhoseValue.Should().Equal(ControlCharacters.Message);
        server.State.EchoCalls.Should().Be(0);
        (await channel.UnaryAsync<EchoRequest, EchoReply>(GrpcTestServer.Echo.Echo, new EchoRequest { Message = "一\t二\r\n" })).Message.Should().Be("一\t二\r\n");
    }

    [Fact]
    public async Task After_repeated_UNAVAILABLE_calls_the_circuit_opens_and_calls_fail_without_reaching_the_server()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel(o =>
        {
            o.MaxAttempts = 1;
            o.CircuitBreakerMinimumThroughput = 2;
            o.CircuitBreakerBreakDuration = TimeSpan.FromMinutes(1);
        });
        var request = new FailRequest { Code = (int)StatusCode.Unavailable, Detail = "down" };

        for (var i = 0; i < 3; i++)
        {
            var call = () => channel.UnaryAsync<FailRequest, EchoReply>(GrpcTestServer.Echo.Fail, request);
            (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        }

        server.State.FailCalls["down"].Should().Be(2);
    }

    public sealed record RequiredTenant(string TenantId);

    public sealed class TenantRequiredInterceptor(RequiredTenant required) : IServerInterceptor
    {
        public Task<IMessage> UnaryAsync(IMessage request, ServerCallContext context, UnaryServerMethod next) =>
            context.TenantId == required.TenantId
                ? next(request, context)
                : throw new RpcException(StatusCode.PermissionDenied, "This call needs the tenant header.");
    }
}
