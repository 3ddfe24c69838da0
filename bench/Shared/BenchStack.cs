using System.Collections.Concurrent;
using Alliance.AppHost.Hosting;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Bench;

/// <summary>
/// The whole of Alliance for a benchmark, through the Aspire AppHost (Aspire.Hosting.Testing): real PostgreSQL, RabbitMQ,
/// Redis, the services and the gateway, without demo data, with throw-away data in a temporary folder.
/// </summary>
public sealed class BenchStack : IAsyncDisposable
{
    readonly string _dataDir;
    readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _logs = new();

    BenchStack(DistributedApplication app, string dataDir) => (App, _dataDir) = (app, dataDir);

    public DistributedApplication App { get; }

    public static async Task<BenchStack> StartAsync(TimeSpan bound)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "alliance-bench-" + Guid.NewGuid().ToString("N")[..8]);
        using var cts = new CancellationTokenSource(bound);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Alliance_AppHost>(["--no-demo-data", "--data-dir", dataDir], cts.Token);
        var app = await builder.BuildAsync(cts.Token);
        await app.StartAsync(cts.Token);
        await app.WaitForEverythingAsync(cts.Token);
        return new BenchStack(app, dataDir);
    }

    public Uri Endpoint(string resourceName) => App.Endpoint(resourceName);

    public async Task<string> ConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName) ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    public Task<int> ProcessIdAsync(string resourceName) => App.ProcessIdAsync(resourceName, CancellationToken.None);

    /// <summary>Keeps a resource's console lines from now on (the last 500), for <see cref="RecentLogs"/>.</summary>
    public void KeepLogs(string resourceName)
    {
        var lines = _logs.GetOrAdd(resourceName, _ => new());
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        _ = Task.Run(async () =>
        {
            var id = (await App.ResourceNotifications.WaitForResourceAsync(resourceName, e => e.Snapshot.State?.Text == KnownResourceStates.Running)).ResourceId;
            await foreach (var batch in logs.WatchAsync(id))
                foreach (var line in batch)
                {
                    lines.Enqueue(line.Content);
                    while (lines.Count > 500) lines.TryDequeue(out _);
                }
        });
    }

    public IReadOnlyList<string> RecentLogs(string resourceName) => _logs.TryGetValue(resourceName, out var lines) ? [.. lines] : [];

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
