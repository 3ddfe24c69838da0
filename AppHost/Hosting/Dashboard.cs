using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.AppHost.Hosting;

/// <summary>A small HTTP/1.1 page inside the AppHost: <c>/</c> lists resources (refreshing itself), <c>GET /resources</c> as JSON.</summary>
internal sealed class Dashboard : IAsyncDisposable
{
    readonly WebApplication _web;

    Dashboard(WebApplication web, Uri url)
    {
        _web = web;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<Dashboard> StartAsync(DistributedApplication app, int? port, CancellationToken ct)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port ?? Alliance.Testing.Servers.FreePort.Next(), l => l.Protocols = HttpProtocols.Http1));
        var web = builder.Build();
        web.Run(context => context.Request.Path.Value switch
        {
            "/resources" => WriteAsync(context, "application/json; charset=utf-8",
                JsonSerializer.Serialize(app.GetResourceStates(withLogs: true), StateFileWriter.Json)),
            "/" or "" => WriteAsync(context, "text/html; charset=utf-8", Html(app)),
            _ => NotFound(context),
        });
        await web.StartAsync(ct);
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Dashboard(web, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    static Task WriteAsync(HttpContext context, string contentType, string body)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body);
    }

    static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    static string Html(DistributedApplication app)
    {
        static string E(object? value) => WebUtility.HtmlEncode(value?.ToString() ?? "");
        var html = new StringBuilder();
        html.Append("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
            <title>Alliance AppHost</title><style>
            body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}
            th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
            .Healthy{color:#137333}.Unhealthy{color:#b3261e}pre{margin:0;max-height:12rem;overflow:auto;font-size:.8rem;background:#f6f6f6}
            </style></head><body><h1>Alliance AppHost</h1>
            <table><thead><tr><th>Name</th><th>Type</th><th>State</th><th>Health</th><th>Endpoints</th><th>Pids</th><th>Restarts</th><th>Recent log</th></tr></thead><tbody>
            """);
        foreach (var r in app.GetResourceStates(withLogs: true))
        {
            var endpoints = string.Join("<br>", r.Endpoints.Select(e => e.Url.StartsWith("http", StringComparison.Ordinal)
                ? $"<a href=\"{E(e.Url)}\">{E(e.Url)}</a>" : E(e.Url)));
            var log = string.Join('\n', (r.RecentLogs ?? []).TakeLast(15).Select(E));
            html.Append($"<tr><td>{E(r.Name)}</td><td>{E(r.Type)}</td><td>{E(r.State)}<br><small>{E(r.Message)}</small></td>")
                .Append($"<td class=\"{E(r.Health)}\">{E(r.Health)}</td><td>{endpoints}</td><td>{E(string.Join(", ", r.Pids))}</td>")
                .Append($"<td>{r.Restarts}</td><td><pre>{log}</pre></td></tr>");
        }
        html.Append("</tbody></table><p><a href=\"/resources\">/resources</a> as JSON</p></body></html>");
        return html.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _web.StopAsync(bound.Token); } catch (OperationCanceledException) { }
        await _web.DisposeAsync();
    }
}
