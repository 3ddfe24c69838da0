using System.Data.Common;
using System.Diagnostics;
using Alliance.Contracts;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>
/// Around every unary call of every service: refuses a partner's call to a method not opened to partners
/// (<see cref="PartnerAccessAttribute"/>), refuses a request holding a control character before the method sees it
/// (INVALID_ARGUMENT naming the field, ADR 23), logs its method, status and duration (OK at Debug, any other status at
/// Information), and turns whatever it threw into a status the client can act on without leaking exception text.
/// RpcException passes through; cancellation after the deadline is DEADLINE_EXCEEDED, by the client CANCELLED; a server the
/// service depends on being out of reach (PostgreSQL restarting, a broken connection) is UNAVAILABLE; anything else is
/// logged with its trace id and becomes INTERNAL carrying that id.
/// </summary>
internal sealed partial class ServerCallInterceptor(ILogger<ServerCallInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            EnsurePartnerMayCall(context);
            if (request is IMessage message && ControlCharacters.FirstRefusedField(message) is { } field)
                throw FieldErrors.Single(field, ControlCharacters.Message);
            var response = await continuation(request, context);
            LogCompletedOk(logger, context.Method, StatusCode.OK, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            var status = ToRpcException(exception, context);
            LogCompletedWithError(logger, context.Method, status.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (ReferenceEquals(status, exception)) throw;
            throw status;
        }
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        EnsurePartnerMayCall(context);
        return continuation(request, responseStream, context);
    }

    /// <summary>A partner reaches only the methods marked <see cref="PartnerAccessAttribute"/> (on the method or its class).</summary>
    static void EnsurePartnerMayCall(ServerCallContext context)
    {
        if (context.UserRole != Roles.Partner) return;
        if (context.GetHttpContext().GetEndpoint()?.Metadata.GetMetadata<PartnerAccessAttribute>() is not null) return;
        throw new RpcException(new Status(StatusCode.PermissionDenied, "Partners of an alliance may not use this."));
    }

    RpcException ToRpcException(Exception exception, ServerCallContext context)
    {
        if (exception is RpcException rpcException) return rpcException;
        var http = context.GetHttpContext();
        if (exception is OperationCanceledException)
        {
            if (context.Deadline <= DateTime.UtcNow) return new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
            if (http.RequestAborted.IsCancellationRequested) return new RpcException(new Status(StatusCode.Cancelled, "Cancelled by the client"));
        }
        var traceId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        if (IsOutage(exception))
        {
            // Not a fault of the request nor of the code: the client may retry (a create with its idempotency key, since a
            // connection that broke during the commit leaves its outcome unknown). The gateway answers 503.
            LogOutage(logger, exception, context.Method, traceId);
            return new RpcException(new Status(StatusCode.Unavailable, $"A server this service depends on is unavailable; try again. Trace id: {traceId}"));
        }
        LogUnhandled(logger, exception, context.Method, traceId);
        return new RpcException(new Status(StatusCode.Internal, $"An internal error occurred. Trace id: {traceId}"));
    }

    /// <summary>A failure that passes by itself, however deeply EF Core wrapped it: a database's, as Npgsql classes it
    /// (<see cref="DbException.IsTransient"/>: the connection refused or broken, the server starting up, too many
    /// connections, a deadlock; the same test as the consumers' retry), or a lost Redis connection.</summary>
    static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is DbException { IsTransient: true } or StackExchange.Redis.RedisConnectionException) return true;
        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "gRPC {Method} finished with {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogCompletedOk(ILogger logger, string method, StatusCode status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "gRPC {Method} finished with {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogCompletedWithError(ILogger logger, string method, StatusCode status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "gRPC method {Method} is unavailable: a server it depends on could not be reached; trace id {TraceId}")]
    private static partial void LogOutage(ILogger logger, Exception exception, string method, string traceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC method {Method} failed; trace id {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string traceId);
}
