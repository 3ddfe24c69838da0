namespace Alliance.Testing.Servers;

/// <summary>A server from the machine's own binaries (PostgreSQL, RabbitMQ, Redis) that we start and stop.</summary>
public interface IInfrastructureServer : IAsyncDisposable
{
    int Port { get; }
    string ConnectionString { get; }
    Task StartAsync(CancellationToken ct = default);
    Task<bool> IsHealthyAsync();
    Task StopAsync(CancellationToken ct = default);

    /// <summary>Immediate teardown for throw-away data (tests at process exit): no clean shutdown, no waiting.</summary>
    void Kill();
}
