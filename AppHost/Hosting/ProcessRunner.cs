using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using Alliance.Testing.Servers;

namespace Alliance.AppHost.Hosting;

/// <summary>A project or executable: one <see cref="ReplicaRunner"/> per replica, started once its dependencies are healthy.</summary>
internal sealed class ProcessResourceRunner : ResourceRunner
{
    readonly ProcessResource _resource;
    readonly ReplicaRunner[] _replicas;
    bool _replicasStarted;

    public ProcessResourceRunner(ProcessResource resource, DistributedApplication app) : base(resource, app)
    {
        _resource = resource;
        _replicas = Enumerable.Range(0, resource.Replicas).Select(i => new ReplicaRunner(resource, i, app, this)).ToArray();
    }

    public override bool IsHealthy => _replicas.All(r => r.Health == HealthStatus.Healthy);

    public override ResourceState State
    {
        get
        {
            lock (Gate) if (!_replicasStarted) return base.State;
            var states = _replicas.Select(r => r.State).Distinct().ToList();
            if (states.Count == 1) return states[0];
            ResourceState[] precedence = [ResourceState.FailedToStart, ResourceState.Exited, ResourceState.RuntimeUnhealthy,
                ResourceState.Starting, ResourceState.Waiting, ResourceState.NotStarted, ResourceState.Running, ResourceState.Finished];
            return precedence.First(states.Contains);
        }
    }

    public override async Task RunAsync(CancellationToken stopping)
    {
        if (!await WaitForDependenciesAsync(stopping)) return;
        lock (Gate) _replicasStarted = true;
        await Task.WhenAll(_replicas.Select(r => r.RunAsync(stopping)));
    }

    public override Task StopAsync() => Task.WhenAll(_replicas.Select(r => r.StopAsync()));

    public override void Kill()
    {
        foreach (var replica in _replicas) replica.Kill();
    }

    public override ResourceSnapshot Snapshot(bool withLogs)
    {
        var replicas = _replicas.Select(r => r.Snapshot()).ToList();
        var endpoints = _resource.Endpoints
            .SelectMany(e => Enumerable.Range(0, _resource.Replicas).Select(i => new EndpointSnapshot(e.Name, i, e.Url(i).ToString().TrimEnd('/'))))
            .ToList();
        bool started;
        lock (Gate) started = _replicasStarted;
        return new ResourceSnapshot(_resource.Name, _resource.Type, State, IsHealthy ? HealthStatus.Healthy : HealthStatus.Unhealthy,
            endpoints, replicas.Where(r => r.Pid is not null).Select(r => r.Pid!.Value).ToList(), replicas.Sum(r => r.Restarts),
            started ? replicas.Select(r => r.Message).FirstOrDefault(m => m is not null) : Message,
            replicas, withLogs ? Logs.Lines() : null);
    }
}

/// <summary>One process of a resource: launched, its output prefixed and kept, its /health probed, restarted with back-off when it crashes.</summary>
internal sealed class ReplicaRunner(ProcessResource resource, int index, DistributedApplication app, ResourceRunner owner)
{
    static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);
    static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    readonly object _gate = new();
    readonly string _prefix = $"{resource.Name}-{index}";
    Process? _process;
    ResourceState _state = ResourceState.NotStarted;
    HealthStatus _health = HealthStatus.Unhealthy;
    int _restarts;
    string? _message;
    bool _stopping;

    public ResourceState State { get { lock (_gate) return _state; } }
    public HealthStatus Health { get { lock (_gate) return _health; } }

    public ReplicaSnapshot Snapshot()
    {
        lock (_gate)
            return new ReplicaSnapshot(index, _state, _health, _process is { } p && _state is ResourceState.Running or ResourceState.RuntimeUnhealthy ? SafeId(p) : null,
                _restarts, _message);
    }

    static int? SafeId(Process p)
    {
        try { return p.Id; } catch (InvalidOperationException) { return null; }
    }

    void Set(ResourceState? state = null, HealthStatus? health = null, string? message = null, bool clearMessage = false)
    {
        lock (_gate)
        {
            var changed = false;
            if (state is { } s && s != _state) { _state = s; changed = true; }
            if (health is { } h && h != _health) { _health = h; changed = true; }
            if (message is not null && message != _message) { _message = message; changed = true; }
            if (clearMessage && _message is not null) { _message = null; changed = true; }
            if (!changed) return;
        }
        app.NotifyChanged();
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var crashesInARow = 0;
        while (!stopping.IsCancellationRequested)
        {
            Set(ResourceState.Starting, HealthStatus.Unhealthy);
            Process process;
            Task exit;
            string launch;
            try
            {
                (process, exit, launch) = Launch();
            }
            catch (Exception e) when (e is LaunchException or Win32Exception or InvalidOperationException)
            {
                owner.Logs.Add(_prefix, "failed to start: " + e.Message);
                Set(ResourceState.FailedToStart, HealthStatus.Unhealthy, e.Message);
                return;
            }
            var startedAt = Stopwatch.StartNew();
            lock (_gate)
            {
                _process = process;
                if (_stopping) { TrySignalTree(process, Signals.SigKill); }
            }
            Set(ResourceState.Running, clearMessage: true);

            using var exited = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var probing = ProbeHealthAsync(exited.Token);
            // Not WaitForExitAsync: that also waits for the end of the child's output, which a descendant still holding
            // the pipe (a shell's background job, say) delays for as long as it lives.
            try { await exit.WaitAsync(stopping); }
            catch (OperationCanceledException) { await exited.CancelAsync(); await probing; return; }
            await exited.CancelAsync();
            await probing;
            // What it started and left behind goes with it, as when we stop it.
            foreach (var pid in ProcessTree.Carrying(LaunchMarker, launch)) Signals.Send(pid, Signals.SigKill);

            var code = process.ExitCode;
            if (stopping.IsCancellationRequested) return;
            if (resource.RunsToCompletion && code == 0)
            {
                owner.Logs.Add(_prefix, "finished");
                Set(ResourceState.Finished, HealthStatus.Healthy, "finished");
                return;
            }
            crashesInARow = startedAt.Elapsed > TimeSpan.FromSeconds(60) ? 1 : crashesInARow + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, crashesInARow - 1), MaxBackOff.TotalSeconds));
            int restarts;
            lock (_gate) restarts = ++_restarts;
            owner.Logs.Add(_prefix, $"exited with code {code}; restart #{restarts} in {delay.TotalSeconds:0} s");
            Set(ResourceState.Exited, HealthStatus.Unhealthy, $"exited with code {code}");
            try { await Task.Delay(delay, stopping); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>An environment variable each launch gets with a value of its own; what it leaves running after it exits
    /// (orphans no longer show as its descendants) still carries it.</summary>
    const string LaunchMarker = "ALLIANCE_APPHOST_LAUNCH";

    (Process Process, Task Exit, string Launch) Launch()
    {
        var (file, args, workingDirectory) = app.LaunchCommand(resource);
        var psi = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (key, value) in app.EnvironmentFor(resource, index)) psi.Environment[key] = value;
        var launch = $"{Environment.ProcessId}-{_prefix}-{Guid.NewGuid():N}";
        psi.Environment[LaunchMarker] = launch;
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var exit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exit.TrySetResult();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) owner.Logs.Add(_prefix, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) owner.Logs.Add(_prefix, e.Data); };
        if (!process.Start()) throw new LaunchException($"{file} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        owner.Logs.Add(_prefix, $"started pid {process.Id}: {file} {string.Join(' ', args)}");
        return (process, exit.Task, launch);
    }

    /// <summary>GET /health on the first endpoint (HTTP/2 prior knowledge when it is HTTP/2); without endpoints, running is healthy.</summary>
    async Task ProbeHealthAsync(CancellationToken exited)
    {
        var endpoint = resource.Endpoints.FirstOrDefault();
        if (endpoint is null)
        {
            if (!resource.RunsToCompletion) Set(health: HealthStatus.Healthy); // ready only once finished
            return;
        }
        var url = new Uri(endpoint.Url(index), "/health");
        while (!exited.IsCancellationRequested)
        {
            var healthy = await HealthProbe.IsHealthyAsync(url, endpoint.Http2, exited);
            if (exited.IsCancellationRequested) return;
            Set(health: healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy);
            try { await Task.Delay(healthy ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(250), exited); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>SIGTERM to the process and its descendants, up to 10 s to go, then SIGKILL.</summary>
    public async Task StopAsync()
    {
        Process? process;
        lock (_gate)
        {
            _stopping = true;
            process = _process;
        }
        if (process is not null && !HasExited(process))
        {
            owner.Logs.Add(_prefix, "stopping");
            var tree = ProcessTree.WithDescendants(process.Id);
            foreach (var pid in tree) Signals.Send(pid, Signals.SigTerm);
            try
            {
                await ProcessRunner.WaitUntilAsync(() => Task.FromResult(tree.All(p => !ProcessTree.IsAlive(p)) || AllGoneButReaped(process, tree)), StopGrace, _prefix);
            }
            catch (TimeoutException)
            {
                owner.Logs.Add(_prefix, $"did not stop within {StopGrace.TotalSeconds:0} s: killing");
                foreach (var pid in tree) Signals.Send(pid, Signals.SigKill);
            }
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await process.WaitForExitAsync(bound.Token); } catch (OperationCanceledException) { }
        }
        var state = State;
        if (state is not (ResourceState.NotStarted or ResourceState.FailedToStart)) Set(ResourceState.Exited, HealthStatus.Unhealthy, "stopped");
    }

    /// <summary>Our direct child stays a zombie until .NET reaps it; it counts as gone once it has exited.</summary>
    static bool AllGoneButReaped(Process process, IReadOnlyList<int> tree) =>
        HasExited(process) && tree.Skip(1).All(p => !ProcessTree.IsAlive(p));

    static bool HasExited(Process process)
    {
        try { return process.HasExited; } catch (InvalidOperationException) { return true; }
    }

    /// <summary>Immediate: SIGKILL to the process and its descendants, no waiting (process-exit handlers).</summary>
    public void Kill()
    {
        Process? process;
        lock (_gate)
        {
            _stopping = true;
            process = _process;
        }
        if (process is not null) TrySignalTree(process, Signals.SigKill);
    }

    static void TrySignalTree(Process process, int signal)
    {
        if (HasExited(process)) return;
        foreach (var pid in ProcessTree.WithDescendants(process.Id)) Signals.Send(pid, signal);
    }
}

/// <summary>The process could not be launched (e.g. a project not built): the replica is FailedToStart.</summary>
internal sealed class LaunchException(string message) : Exception(message);

internal static class HealthProbe
{
    static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        UseProxy = false,
    }) { Timeout = TimeSpan.FromSeconds(3) };

    public static async Task<bool> IsHealthyAsync(Uri url, bool http2, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url)
        {
            Version = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = http2 ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
        };
        try
        {
            using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { return false; }
    }
}
