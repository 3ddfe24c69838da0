using System.Net;
using System.Net.Http;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>grpc/grpc doc/http-grpc-status-mapping.md, and the failures HttpClient reports, as gRPC statuses.</summary>
internal static class HttpStatusMapping
{
    public static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests => StatusCode.Unavailable,
        HttpStatusCode.BadGateway => StatusCode.Unavailable,
        HttpStatusCode.ServiceUnavailable => StatusCode.Unavailable,
        HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>HTTP/2 RST_STREAM and GOAWAY error codes (RFC 9113 section 7).</summary>
    public static StatusCode FromHttp2Error(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable, // REFUSED_STREAM
        0x8 => StatusCode.Cancelled, // CANCEL
        0xb => StatusCode.ResourceExhausted, // ENHANCE_YOUR_CALM
        0xc => StatusCode.PermissionDenied, // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };

    /// <summary>A failure below gRPC: the connection could not be made or broke.</summary>
    public static RpcException FromTransportFailure(Exception exception)
    {
        var protocolError = FindProtocolException(exception);
        if (protocolError is not null)
        {
            return new RpcException(FromHttp2Error(protocolError.ErrorCode), $"HTTP/2 error: {protocolError.Message}");
        }
        return new RpcException(StatusCode.Unavailable, $"Error connecting to the service: {exception.Message}");
    }

    private static HttpProtocolException? FindProtocolException(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is HttpProtocolException protocolException)
            {
                return protocolException;
            }
        }
        return null;
    }
}
