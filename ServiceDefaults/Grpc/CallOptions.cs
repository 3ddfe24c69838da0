namespace Alliance.ServiceDefaults.Grpc;

/// <summary>Per-call settings; a call without a deadline gets the channel's default one.</summary>
public readonly record struct CallOptions(
    Metadata? Headers = null,
    DateTime? Deadline = null,
    CancellationToken CancellationToken = default);
