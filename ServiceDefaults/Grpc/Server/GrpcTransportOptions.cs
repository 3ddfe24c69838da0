namespace Alliance.ServiceDefaults.Grpc;

/// <summary>Server-side settings of the gRPC transport.</summary>
public sealed class GrpcTransportOptions
{
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    public int MaxSendMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Logs each call's method, status and duration (OK at Debug, others at Information).</summary>
    public bool EnableCallLogging { get; set; } = true;

    /// <summary>Run in the order added, inside the built-in logging one; whatever they throw becomes a status outside all of them.</summary>
    public InterceptorCollection Interceptors { get; } = new();
}

/// <summary>Interceptor types, resolved from the call's DI scope (or created with its services) per call.</summary>
public sealed class InterceptorCollection : List<Type>
{
    public void Add<TInterceptor>() where TInterceptor : class, IServerInterceptor => Add(typeof(TInterceptor));
}
