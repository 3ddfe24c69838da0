using Alliance.ServiceDefaults.Grpc;
using Grpc.AspNetCore.Server;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alliance.ServiceDefaults.Tests.Grpc.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (any free port, HTTP/2 cleartext) configured as the services are
/// (<see cref="GrpcServerExtensions.AddGrpcServer"/>), serving EchoService, grpc.health.v1 and reflection.
/// </summary>
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

    public static async Task<GrpcTestServer> StartAsync(
        string name = "server",
        Action<GrpcServiceOptions>? grpc = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null,
        ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null) builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.AddGrpcServer(grpc);
        builder.Services.AddSingleton(new EchoServerState(name));
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGrpcService<EchoService>();
        app.MapGrpcDefaults();
        map?.Invoke(app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new GrpcTestServer(app, new Uri(address));
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
