using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>
/// Turns whatever a call threw into a status the client can act on, outside every interceptor, without leaking
/// exception text. RpcException passes through; cancellation after the deadline is DEADLINE_EXCEEDED, cancellation by
/// the client CANCELLED; anything else is logged and becomes INTERNAL with a trace id.
/// </summary>
internal static partial class ExceptionStatus
{
    public static RpcException ToRpcException(Exception exception, ServerCallContext context, ILogger logger)
    {
        if (exception is RpcException rpcException)
        {
            return rpcException;
        }
        if (exception is OperationCanceledException)
        {
            if (context.IsPastDeadline)
            {
                return new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            }
            if (context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                return new RpcException(StatusCode.Cancelled, "Cancelled by the client");
            }
        }
        var traceId = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        LogUnhandled(logger, exception, context.Method, traceId);
        return new RpcException(StatusCode.Internal, $"An internal error occurred. Trace id: {traceId}");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC method {Method} failed; trace id {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string traceId);
}
