using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alliance.ServiceDefaults.Tests.Grpc.Support;

/// <summary>A real Kestrel server on 127.0.0.1 (any free port, HTTP/2 cleartext) serving EchoService and health.</summary>
public sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public EchoServerState State => _app.Services.GetRequiredService<EchoServerState>();

    public IServiceProvider Services => _app.Services;

    public static EchoDescriptors Echo => new();

    public static async Task<GrpcTestServer> StartAsync(
        string name = "server",
        Action<GrpcTransportOptions>? transport = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseGrpcHttp2Endpoints();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpcTransport(transport);
        builder.Services.AddSingleton(new EchoServerState(name));
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGrpcService<EchoService>(EchoReflection.Descriptor.Services[0]);
        app.MapGrpcHealthService();
        map?.Invoke(app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new GrpcTestServer(app, new Uri(address));
    }

    public GrpcChannel CreateChannel(Action<GrpcChannelOptions>? configure = null)
    {
        var options = new GrpcChannelOptions();
        configure?.Invoke(options);
        return new GrpcChannel([Address], options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The rpc methods of test.interop.v1.Echo, by name.</summary>
public sealed class EchoDescriptors
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = EchoReflection.Descriptor.Services[0];

    public Google.Protobuf.Reflection.MethodDescriptor Echo => Service.FindMethodByName("Echo");
    public Google.Protobuf.Reflection.MethodDescriptor Fail => Service.FindMethodByName("Fail");
    public Google.Protobuf.Reflection.MethodDescriptor Slow => Service.FindMethodByName("Slow");
    public Google.Protobuf.Reflection.MethodDescriptor Big => Service.FindMethodByName("Big");
    public Google.Protobuf.Reflection.MethodDescriptor EchoMetadata => Service.FindMethodByName("EchoMetadata");
}
