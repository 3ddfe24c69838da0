namespace Alliance.AppHost.Hosting;

/// <summary>Runs one resource: waits for what it needs, starts it, watches its health, stops it.</summary>
internal abstract class ResourceRunner(Resource resource, DistributedApplication app)
{
    protected readonly object Gate = new();
    ResourceState _state = ResourceState.NotStarted;
    string? _message;

    public Resource Resource { get; } = resource;
    protected DistributedApplication App { get; } = app;
    public LogBuffer Logs { get; } = new(app.LogWriter);

    public virtual ResourceState State { get { lock (Gate) return _state; } }
    protected string? Message { get { lock (Gate) return _message; } }
    public abstract bool IsHealthy { get; }
    public bool HasFailed => State == ResourceState.FailedToStart;

    public abstract Task RunAsync(CancellationToken stopping);
    public abstract Task StopAsync();
    public abstract void Kill();
    public abstract ResourceSnapshot Snapshot(bool withLogs);

    protected void SetState(ResourceState state, string? message = null)
    {
        lock (Gate)
        {
            if (_state == state && _message == message) return;
            _state = state;
            _message = message;
        }
        App.NotifyChanged();
    }

    /// <summary>False when a dependency failed to start (this resource then fails too) or the app is stopping.</summary>
    protected async Task<bool> WaitForDependenciesAsync(CancellationToken stopping)
    {
        var dependencies = Resource.StartDependencies.Select(App.RunnerOf).ToList();
        if (dependencies.Count == 0) return true;
        SetState(ResourceState.Waiting, "waiting for " + string.Join(", ", dependencies.Select(d => d.Resource.Name)));
        try
        {
            await App.WaitUntilAsync(() => dependencies.All(d => d.IsHealthy) || dependencies.Any(d => d.HasFailed), stopping);
        }
        catch (OperationCanceledException) { return false; }
        var failed = dependencies.FirstOrDefault(d => d.HasFailed);
        if (failed is null) return true;
        SetState(ResourceState.FailedToStart, $"'{failed.Resource.Name}' failed to start");
        Logs.Add(Resource.Name, $"not started: '{failed.Resource.Name}' failed to start");
        return false;
    }
}
