namespace Alliance.ServiceDefaults.Grpc;

/// <summary>Client-side settings of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>The deadline of a call that sets none; every call has one.</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Attempts for a call that ends UNAVAILABLE, the first included; 1 turns retrying off.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first back-off; it doubles per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The share of UNAVAILABLE calls in <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Add their entries to every call's headers (e.g. the gateway's tenant and user).</summary>
    public IList<IOutgoingMetadataProvider> MetadataProviders { get; } = [];

    /// <summary>For tests and special transports; by default the channel makes its own SocketsHttpHandler.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
