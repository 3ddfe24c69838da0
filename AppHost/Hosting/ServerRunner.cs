using Alliance.Testing.Servers;

namespace Alliance.AppHost.Hosting;

/// <summary>A PostgreSQL, RabbitMQ or Redis server: ours (started and stopped here) or external (only watched).</summary>
internal sealed class ServerRunner(ServerResource server, DistributedApplication app) : ResourceRunner(server, app)
{
    HealthStatus _health = HealthStatus.Unhealthy;
    bool _startCalled;

    public override bool IsHealthy { get { lock (Gate) return _health == HealthStatus.Healthy; } }

    public override async Task RunAsync(CancellationToken stopping)
    {
        if (!await WaitForDependenciesAsync(stopping)) return;
        SetState(ResourceState.Starting);
        if (server.Server is { } owned)
        {
            Logs.Add(server.Name, $"starting {server.Type} on 127.0.0.1:{owned.Port}");
            try
            {
                lock (Gate) _startCalled = true;
                await owned.StartAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                Logs.Add(server.Name, "failed to start: " + e.Message);
                SetState(ResourceState.FailedToStart, e.Message);
                return;
            }
        }
        else
        {
            Logs.Add(server.Name, "external: nothing started, checking its health");
        }
        SetState(ResourceState.Running);
        await MonitorAsync(stopping);
    }

    async Task MonitorAsync(CancellationToken stopping)
    {
        var everHealthy = false;
        string? lastProblem = null;
        while (!stopping.IsCancellationRequested)
        {
            bool healthy;
            string? problem = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                healthy = server.Server is { } owned
                    ? await owned.IsHealthyAsync().WaitAsync(timeout.Token)
                    : await server.ProbeAsync(server.ConnectionString, timeout.Token);
                if (!healthy) problem = "it did not answer as expected";
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                healthy = false;
                problem = e is OperationCanceledException ? "no answer within 5 s" : $"{e.GetType().Name}: {e.Message}";
            }
            catch (OperationCanceledException) { return; }

            // Why it is unhealthy, once per change: what a start that timed out reports (DescribeUnhealthy).
            if (problem is not null && problem != lastProblem) Logs.Add(server.Name, "unhealthy: " + problem);
            lastProblem = problem;
            SetHealth(healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy);
            if (healthy && !everHealthy) Logs.Add(server.Name, "healthy");
            everHealthy |= healthy;
            SetState(healthy || !everHealthy ? ResourceState.Running : ResourceState.RuntimeUnhealthy);
            try { await Task.Delay(healthy ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(250), stopping); }
            catch (OperationCanceledException) { return; }
        }
    }

    void SetHealth(HealthStatus health)
    {
        lock (Gate)
        {
            if (_health == health) return;
            _health = health;
        }
        App.NotifyChanged();
    }

    public override async Task StopAsync()
    {
        bool started;
        lock (Gate) started = _startCalled;
        SetHealth(HealthStatus.Unhealthy);
        if (server.Server is { } owned && started)
        {
            Logs.Add(server.Name, "stopping");
            try { await owned.StopAsync().WaitAsync(TimeSpan.FromSeconds(60)); }
            catch (Exception e)
            {
                Logs.Add(server.Name, "clean stop failed, killing: " + e.Message);
                owned.Kill();
            }
        }
        if (State is not (ResourceState.NotStarted or ResourceState.FailedToStart)) SetState(ResourceState.Exited);
    }

    public override void Kill() => server.Server?.Kill();

    IReadOnlyList<int> Pids() => server.Server switch
    {
        PostgresServer pg => pg.ProcessId is { } p ? [p] : [],
        RabbitMqServer mq => new[] { mq.ProcessId, mq.ErlangProcessId, mq.EpmdProcessId }.OfType<int>().Distinct().ToArray(),
        RedisServer redis => redis.ProcessId is { } p ? [p] : [],
        _ => [],
    };

    public override ResourceSnapshot Snapshot(bool withLogs)
    {
        var state = State;
        var endpoints = server.Server is { } owned && state is ResourceState.Running or ResourceState.RuntimeUnhealthy or ResourceState.Starting
            ? new[] { new EndpointSnapshot("tcp", 0, $"tcp://127.0.0.1:{owned.Port}") }
            : [];
        var health = IsHealthy ? HealthStatus.Healthy : HealthStatus.Unhealthy;
        var pids = state is ResourceState.Exited or ResourceState.NotStarted ? [] : Pids();
        return new ResourceSnapshot(server.Name, server.Type, state, health, endpoints, pids, 0,
            Message ?? (server.IsExternal ? "external" : null),
            [new ReplicaSnapshot(0, state, health, pids.Count > 0 ? pids[0] : null, 0, null)],
            withLogs ? Logs.Lines() : null);
    }
}
