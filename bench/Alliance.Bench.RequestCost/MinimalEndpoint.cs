using System.Net;

namespace Alliance.Bench.RequestCost;

/// <summary>The yardstick: a minimal Kestrel app in this process on loopback, one MapGet returning a small JSON object.</summary>
sealed class MinimalEndpoint : IAsyncDisposable
{
    readonly WebApplication _app;

    MinimalEndpoint(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<MinimalEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/", () => new Greeting("Hello, World!"));
        await app.StartAsync();
        return new MinimalEndpoint(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    sealed record Greeting(string Message);
}
