using System.Reflection;
using System.Runtime.InteropServices;
using Alliance.Testing.Servers;

namespace Alliance.AppHost.Hosting;

/// <summary>The built app model, running: what Aspire's <c>DistributedApplication</c> is, for our own orchestrator.</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    readonly IReadOnlyList<Resource> _resources;
    readonly Dictionary<IResource, ResourceRunner> _runners;
    readonly CancellationTokenSource _stopping = new();
    readonly object _gate = new();
    readonly StateFileWriter _stateFile;
    TaskCompletionSource _changed = NewSignal();
    List<Task> _running = [];
    Dashboard? _dashboard;
    Task? _stop;
    bool _started;

    internal DistributedApplication(IReadOnlyList<Resource> resources, AppHostOptions options, string? repositoryRoot, string dataDirectory, string stateFile)
    {
        _resources = resources;
        Options = options;
        RepositoryRoot = repositoryRoot;
        DataDirectory = dataDirectory;
        LogWriter = options.LogWriter is { } writer ? TextWriter.Synchronized(writer) : Console.Out;
        BuildConfiguration = options.BuildConfiguration
            ?? typeof(DistributedApplication).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        _stateFile = new StateFileWriter(stateFile);
        _runners = resources.ToDictionary(r => (IResource)r, r => r switch
        {
            ServerResource s => (ResourceRunner)new ServerRunner(s, this),
            PostgresDatabaseResource d => new DatabaseRunner(d, this),
            ProcessResource p => new ProcessResourceRunner(p, this),
            _ => throw new NotSupportedException(r.ToString()),
        });
    }

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) => new DistributedApplicationBuilder(AppHostOptions.Parse(args), args);

    public static IDistributedApplicationBuilder CreateBuilder(AppHostOptions options, params string[] args) => new DistributedApplicationBuilder(options, args);

    public AppHostOptions Options { get; }
    public IReadOnlyList<IResource> Resources => _resources;
    public string? RepositoryRoot { get; }
    public string DataDirectory { get; }
    public string StateFile => _stateFile.Path;
    public string BuildConfiguration { get; }
    public Uri? DashboardUrl => _dashboard?.Url;
    internal TextWriter LogWriter { get; }

    /// <summary>Starts the dashboard and every resource (each once what it waits for is healthy); returns without waiting for them.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_started) throw new InvalidOperationException("The application was already started.");
            _started = true;
        }
        Directory.CreateDirectory(DataDirectory);
        if (Options.KillOnProcessExit) AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
        if (Options.Dashboard) _dashboard = await Dashboard.StartAsync(this, Options.DashboardPort, ct);
        NotifyChanged();
        _running = _runners.Values.Select(r => Task.Run(() => r.RunAsync(_stopping.Token), CancellationToken.None)).ToList();
    }

    /// <summary>Starts, runs until Ctrl+C, SIGTERM or <paramref name="ct"/>, then stops everything.</summary>
    public async Task RunAsync(CancellationToken ct = default)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            shutdown.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        await StartAsync(shutdown.Token);
        try { await Task.Delay(Timeout.Infinite, shutdown.Token); }
        catch (OperationCanceledException) { }
        LogWriter.WriteLine("Stopping: projects first, then servers...");
        await StopAsync();
        LogWriter.WriteLine("Stopped.");
    }

    /// <summary>Stops project and executable processes (SIGTERM, up to 10 s, then SIGKILL), then the servers cleanly.</summary>
    public Task StopAsync()
    {
        lock (_gate) return _stop ??= StopCoreAsync();
    }

    async Task StopCoreAsync()
    {
        await _stopping.CancelAsync();
        var processes = _runners.Values.OfType<ProcessResourceRunner>().ToList();
        await Task.WhenAll(processes.Select(r => r.StopAsync()));
        await Task.WhenAll(_runners.Values.Except(processes).Select(r => r.StopAsync()));
        try { await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(30)); }
        catch (Exception e) { LogWriter.WriteLine("[apphost] " + e.Message); }
        if (_dashboard is not null) await _dashboard.DisposeAsync();
        NotifyChanged();
        if (Options.DeleteDataOnStop) DeleteDataDirectory();
    }

    void DeleteDataDirectory()
    {
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Immediate teardown for process-exit handlers: SIGKILL to every child and server we started, no waiting.</summary>
    public void Kill()
    {
        lock (_gate) if (_stop is { IsCompleted: true }) return; // stopped cleanly: pid files may be stale, signal nothing
        _stopping.Cancel();
        foreach (var runner in _runners.Values.OfType<ProcessResourceRunner>()) runner.Kill();
        foreach (var runner in _runners.Values.Where(r => r is not ProcessResourceRunner)) runner.Kill();
        if (Options.DeleteDataOnStop) DeleteDataDirectory();
    }

    public async ValueTask DisposeAsync()
    {
        bool started;
        lock (_gate) started = _started;
        if (started) await StopAsync();
    }

    public string GetConnectionString(string resourceName) => Find(resourceName) switch
    {
        ServerResource s => s.ConnectionString,
        PostgresDatabaseResource d => d.ConnectionString,
        var r => throw new InvalidOperationException($"{r} has no connection string."),
    };

    public Uri GetEndpoint(string resourceName, string endpointName = "http", int replica = 0)
    {
        if (Find(resourceName) is not ProcessResource process) throw new InvalidOperationException($"'{resourceName}' has no HTTP endpoints.");
        var endpoint = process.Endpoints.FirstOrDefault(e => e.Name == endpointName)
            ?? throw new InvalidOperationException($"'{resourceName}' has no endpoint '{endpointName}'.");
        return endpoint.Url(replica);
    }

    /// <summary>The server we started for a server resource; null when it is external.</summary>
    public IInfrastructureServer? GetServer(string resourceName) =>
        Find(resourceName) is ServerResource s ? s.Server : throw new InvalidOperationException($"'{resourceName}' is not a server.");

    public ResourceSnapshot GetResourceState(string resourceName) => RunnerOf(Find(resourceName)).Snapshot(withLogs: true);

    public IReadOnlyList<ResourceSnapshot> GetResourceStates(bool withLogs = false) =>
        _resources.Select(r => _runners[r].Snapshot(withLogs)).ToList();

    /// <summary>Completes when the resource is healthy; throws when it failed to start.</summary>
    public async Task WaitForResourceHealthyAsync(string resourceName, CancellationToken ct = default)
    {
        var runner = RunnerOf(Find(resourceName));
        await WaitUntilAsync(() => runner.IsHealthy || runner.HasFailed, ct);
        if (!runner.IsHealthy)
            throw new InvalidOperationException($"'{resourceName}' failed to start: {runner.Snapshot(false).Message}");
    }

    /// <summary>Completes when every resource is healthy; throws as soon as one failed to start.</summary>
    public async Task WaitForAllHealthyAsync(CancellationToken ct = default)
    {
        await WaitUntilAsync(() => _runners.Values.All(r => r.IsHealthy) || _runners.Values.Any(r => r.HasFailed), ct);
        var failed = _runners.Values.Where(r => r.HasFailed).Select(r => r.Snapshot(false)).ToList();
        if (failed.Count > 0)
            throw new InvalidOperationException("Failed to start: " + string.Join("; ", failed.Select(f => $"{f.Name}: {f.Message}")));
    }

    /// <summary>Each resource that is not healthy, with its state, message and last log lines: what a start that timed out reports.</summary>
    public string DescribeUnhealthy(int logLines = 15) =>
        string.Join("\n", GetResourceStates(withLogs: true).Where(s => s.Health != HealthStatus.Healthy)
            .Select(s => $"{s.Name} {s.State} {s.Health} {s.Message}\n  {string.Join("\n  ", (s.RecentLogs ?? []).TakeLast(logLines))}"));

    /// <summary>Completes when <paramref name="condition"/> holds, re-checked on every state change.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct = default)
    {
        while (true)
        {
            Task signal;
            lock (_gate) signal = _changed.Task;
            if (condition()) return;
            await signal.WaitAsync(ct);
        }
    }

    internal ResourceRunner RunnerOf(IResource resource) => _runners[resource];

    Resource Find(string name) => _resources.FirstOrDefault(r => r.Name == name)
        ?? throw new KeyNotFoundException($"No resource named '{name}' in this app. Known: {string.Join(", ", _resources.Select(r => r.Name))}.");

    internal void NotifyChanged()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = NewSignal();
        }
        bool started;
        lock (_gate) started = _started;
        try
        {
            if (started) _stateFile.Write(this);
        }
        catch (Exception e)
        {
            // The state file reports; it must never stop the change it reports (a resource's runner calls this).
            LogWriter.WriteLine($"[apphost] could not write the state file: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            previous.TrySetResult();
        }
    }

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal (string File, IReadOnlyList<string> Args, string WorkingDirectory) LaunchCommand(ProcessResource resource)
    {
        switch (resource)
        {
            case ExecutableResource exe:
                return (exe.Command, exe.Args, exe.WorkingDirectory);
            case ProjectResource project:
                var root = RepositoryRoot ?? throw new LaunchException($"Could not find {Hosting.RepositoryRoot.SolutionFile} to resolve {project.ProjectPath}.");
                var projectFile = Path.GetFullPath(Path.Combine(root, project.ProjectPath));
                var projectDirectory = Path.GetDirectoryName(projectFile)!;
                var assembly = Path.GetFileNameWithoutExtension(projectFile);
                var dll = Path.Combine(projectDirectory, "bin", BuildConfiguration, "net10.0", assembly + ".dll");
                if (!File.Exists(dll))
                    throw new LaunchException($"{dll} not found: the AppHost does not build; build it first with `dotnet build {project.ProjectPath} -c {BuildConfiguration}`.");
                return (DotnetHost(), [dll], projectDirectory);
            default:
                throw new NotSupportedException(resource.ToString());
        }
    }

    static string DotnetHost() =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Aspire's configuration keys, as environment variables of one replica.</summary>
    internal IReadOnlyDictionary<string, string> EnvironmentFor(ProcessResource resource, int replica)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OTEL_SERVICE_NAME"] = resource.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={resource.Name}-{replica}",
            ["ASPNETCORE_ENVIRONMENT"] = Options.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = Options.EnvironmentName,
        };
        if (resource.Endpoints.Count > 0)
            env["ASPNETCORE_URLS"] = string.Join(';', resource.Endpoints.Select(e => e.Url(replica).ToString().TrimEnd('/')));
        if (resource.Endpoints.Any(e => e.Http2))
            env["Kestrel__EndpointDefaults__Protocols"] = "Http2";
        foreach (var reference in resource.References)
        {
            switch (reference)
            {
                case ServerResource s: env[$"ConnectionStrings__{s.Name}"] = s.ConnectionString; break;
                case PostgresDatabaseResource d: env[$"ConnectionStrings__{d.Name}"] = d.ConnectionString; break;
                case ProcessResource p:
                    foreach (var endpoint in p.Endpoints)
                        for (var i = 0; i < p.Replicas; i++)
                            env[$"services__{p.Name}__{endpoint.Name}__{i}"] = endpoint.Url(i).ToString().TrimEnd('/');
                    break;
            }
        }
        foreach (var (key, value) in resource.Environment) env[key] = value;
        return env;
    }
}
