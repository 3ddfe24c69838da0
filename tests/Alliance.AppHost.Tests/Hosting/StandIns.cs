using Alliance.AppHost.Hosting;

namespace Alliance.AppHost.Tests.Hosting;

/// <summary>Small executables standing in for services: their health and behaviour are the test's to control.</summary>
internal static class StandIns
{
    const string Python = "/usr/bin/python3";
    static readonly Lazy<string> Root = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "alliance-standins-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        };
        return root;
    });

    /// <summary>Serves <paramref name="directory"/> on the port the AppHost hands over in ASPNETCORE_URLS;
    /// /health answers 200 once a file named "health" exists there.</summary>
    public static IResourceBuilder<ExecutableResource> AddHttpStandIn(this IDistributedApplicationBuilder builder, string name, string directory,
        string before = "") =>
        builder.AddExecutable(name, "/bin/sh", directory, "-c",
                $"{before} exec {Python} -m http.server \"${{ASPNETCORE_URLS##*:}}\" --bind 127.0.0.1")
            .WithHttpEndpoint();

    public static string NewDirectory(bool healthy = false)
    {
        var dir = Path.Combine(Root.Value, Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        if (healthy) MarkHealthy(dir);
        return dir;
    }

    public static void MarkHealthy(string directory) => File.WriteAllText(Path.Combine(directory, "health"), "ok");

    public static IDistributedApplicationBuilder Builder(Action<AppHostOptions>? configure = null, params string[] args) =>
        DistributedApplicationTestingBuilder.Create(configure, args);
}

/// <summary>Waits on a condition with a bound; never sleeps for timing.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(60);

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? bound = null)
    {
        var limit = bound ?? DefaultBound;
        using var cts = new CancellationTokenSource(limit);
        while (!condition())
        {
            try { await Task.Delay(50, cts.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"Not true within {limit.TotalSeconds:0} s: {what}"); }
        }
    }

    public static async Task HealthyAsync(DistributedApplication app, string resource, TimeSpan? bound = null)
    {
        using var cts = new CancellationTokenSource(bound ?? DefaultBound);
        try { await app.WaitForResourceHealthyAsync(resource, cts.Token); }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{resource} not healthy within {(bound ?? DefaultBound).TotalSeconds:0} s:\n{app.DescribeUnhealthy()}");
        }
    }

    public static async Task AllHealthyAsync(DistributedApplication app, TimeSpan bound)
    {
        using var cts = new CancellationTokenSource(bound);
        try { await app.WaitForAllHealthyAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Not all healthy within {bound.TotalSeconds:0} s:\n{app.DescribeUnhealthy()}");
        }
    }
}
