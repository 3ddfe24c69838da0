using Microsoft.AspNetCore.Http;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>What a service method knows about the call it is serving.</summary>
public class ServerCallContext
{
    /// <summary>A call whose request headers are read from the HTTP request when first asked for.</summary>
    internal ServerCallContext(string method, DateTime deadline, HttpContext httpContext, CancellationToken cancellationToken)
    {
        Method = method;
        Deadline = deadline;
        HttpContext = httpContext;
        CancellationToken = cancellationToken;
    }

    Metadata? _requestHeaders;

    /// <summary>The full method path, "/package.Service/Method".</summary>
    public string Method { get; }

    /// <summary>When the client stops waiting (UTC); <see cref="DateTime.MaxValue"/> when it sent no deadline.</summary>
    public DateTime Deadline { get; }

    /// <summary>The request's metadata (its HTTP headers less the protocol's own), read on first use.</summary>
    public Metadata RequestHeaders => _requestHeaders ??= GrpcProtocol.ReadMetadata(HttpContext.Request.Headers);

    /// <summary>Sent to the client after the response, with the status.</summary>
    public Metadata ResponseTrailers { get; } = new();

    /// <summary>Cancelled when the deadline passes or the client goes away.</summary>
    public CancellationToken CancellationToken { get; }

    public HttpContext HttpContext { get; }

    /// <summary>Cancelled by the deadline alone (timers may fire a little before the clock reaches <see cref="Deadline"/>).</summary>
    internal CancellationToken DeadlineToken { get; init; }

    internal bool IsPastDeadline =>
        DeadlineToken.IsCancellationRequested || (Deadline != DateTime.MaxValue && DateTime.UtcNow >= Deadline);

    public string? TenantId => RequestHeaders.GetValue(AllianceMetadata.TenantId);

    /// <summary>The caller's user id; percent-encoded on the wire because names may be Chinese (<see cref="AllianceMetadata.EncodeText"/>).</summary>
    public string? UserId => RequestHeaders.GetValue(AllianceMetadata.UserId) is { } id ? Uri.UnescapeDataString(id) : null;

    public string? UserRole => RequestHeaders.GetValue(AllianceMetadata.UserRole);
}
