using System.Diagnostics;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>Logs every call's method, status and duration: OK at Debug, any other status at Information.</summary>
internal sealed partial class LoggingServerInterceptor(ILogger<LoggingServerInterceptor> logger) : IServerInterceptor
{
    public async Task<IMessage> UnaryAsync(IMessage request, ServerCallContext context, UnaryServerMethod next)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            return await next(request, context);
        }
        catch (RpcException exception)
        {
            status = exception.StatusCode;
            throw;
        }
        catch (OperationCanceledException)
        {
            status = context.IsPastDeadline ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
            throw;
        }
        catch
        {
            status = StatusCode.Internal;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (status == StatusCode.OK)
            {
                LogCompletedOk(logger, context.Method, status, elapsed.TotalMilliseconds);
            }
            else
            {
                LogCompletedWithError(logger, context.Method, status, elapsed.TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "gRPC {Method} finished with {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogCompletedOk(ILogger logger, string method, StatusCode status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "gRPC {Method} finished with {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogCompletedWithError(ILogger logger, string method, StatusCode status, double elapsedMs);
}
