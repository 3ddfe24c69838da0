using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Alliance.Testing;

/// <summary>
/// One service host started in the test process the way its Program.cs starts it (same extension methods), on a free
/// loopback port speaking HTTP/2, against real servers; with a gRPC channel to it and its generated clients.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required GrpcChannel Channel { get; init; }
    public IServiceProvider Services => App.Services;

    /// <summary>A generated client of one of the host's gRPC services, on the host's channel.</summary>
    public TClient Client<TClient>() where TClient : ClientBase<TClient> => (TClient)Activator.CreateInstance(typeof(TClient), Channel)!;

    public static async Task<ServiceHost> StartAsync(IDictionary<string, string?> configuration,
        Action<WebApplicationBuilder> addServices, Action<WebApplication> mapEndpoints)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        addServices(builder);
        var app = builder.Build();
        mapEndpoints(app);
        app.MapDefaultEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ServiceHost { App = app, Channel = GrpcChannel.ForAddress(address), _configuration = configuration };
    }

    IDictionary<string, string?> _configuration = new Dictionary<string, string?>();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        // Npgsql's pools outlive the host (they are process-wide, idle connections live for minutes): close this host's
        // now, or a test run with many hosts on one PostgreSQL runs out of connections.
        foreach (var (key, value) in _configuration)
        {
            if (!key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase) || value is null) continue;
            if (!value.Contains("Host=", StringComparison.OrdinalIgnoreCase)) continue;
            await using var connection = new NpgsqlConnection(value);
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
