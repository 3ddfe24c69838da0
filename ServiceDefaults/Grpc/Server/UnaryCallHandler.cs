using System.Buffers;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>Serves one unary method over HTTP/2: reads the framed request, runs the interceptors and the method, writes the framed reply and the status.</summary>
internal sealed class UnaryCallHandler(
    string method,
    MessageParser parser,
    Func<IServiceProvider, IMessage, ServerCallContext, Task<IMessage>> invoke,
    GrpcTransportOptions options,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(typeof(ExceptionStatus).FullName!);
    private readonly IServerInterceptor[] _builtIn = BuiltInInterceptors(options, loggerFactory);
    private UnaryServerMethod? _pipeline;

    /// <summary>Without interceptors of its own the pipeline is the same for every call, so it is built once.</summary>
    private UnaryServerMethod? Pipeline => options.Interceptors.Count == 0
        ? _pipeline ??= BuildPipeline(services: null)
        : null;

    public async Task HandleAsync(HttpContext http)
    {
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        if (!HttpProtocol.IsHttp2(http.Request.Protocol))
        {
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers.Upgrade = "h2c";
            return;
        }

        var deadline = DateTime.MaxValue;
        CancellationTokenSource? deadlineCancellation = null;
        CancellationTokenSource? callCancellation = null;
        if (GrpcProtocol.TryParseTimeout(http.Request.Headers[GrpcProtocol.TimeoutHeader], out var timeout))
        {
            deadline = DateTime.UtcNow + timeout;
            deadlineCancellation = new CancellationTokenSource();
            // CancelAfter takes at most ~49 days; a longer timeout is as good as none.
            if (timeout.TotalMilliseconds < uint.MaxValue - 1)
            {
                deadlineCancellation.CancelAfter(timeout);
            }
            callCancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, deadlineCancellation.Token);
        }
        using var disposeDeadline = deadlineCancellation;
        using var disposeCall = callCancellation;

        var context = new ServerCallContext(method, deadline, http, callCancellation?.Token ?? http.RequestAborted)
        {
            DeadlineToken = deadlineCancellation?.Token ?? default,
        };

        IMessage? response = null;
        RpcException? failure = null;
        try
        {
            var request = await ReadRequestAsync(http, context);
            var call = (Pipeline ?? BuildPipeline(http.RequestServices))(request, context);
            if (deadlineCancellation is null)
            {
                response = await call;
            }
            else
            {
                try
                {
                    // A method that ignores its token must not hold the reply past the deadline.
                    response = await call.WaitAsync(context.CancellationToken);
                }
                catch (OperationCanceledException) when (!call.IsCompleted)
                {
                    _ = call.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                    throw;
                }
            }
        }
        catch (Exception exception)
        {
            failure = ExceptionStatus.ToRpcException(exception, context, _logger);
        }

        if (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (response is not null)
        {
            var size = response.CalculateSize();
            if (size > options.MaxSendMessageSize)
            {
                failure = new RpcException(StatusCode.ResourceExhausted,
                    $"Sending message larger than max ({size} vs. {options.MaxSendMessageSize})");
            }
            else
            {
                await WriteReplyAsync(http, context, response, size);
                return;
            }
        }

        WriteTrailersOnly(http, context, failure!);
    }

    /// <summary>Answers a gRPC request to a path no method is mapped at.</summary>
    public static Task HandleUnimplementedAsync(HttpContext http, GrpcServiceRegistry registry)
    {
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        var path = http.Request.Path.Value ?? "";
        var service = path.TrimStart('/').Split('/')[0];
        var detail = registry.IsMapped(service)
            ? $"Method {path} is unimplemented."
            : $"Service {service} is unimplemented.";
        SetTrailersOnly(http, new Status(StatusCode.Unimplemented, detail), []);
        return Task.CompletedTask;
    }

    private UnaryServerMethod BuildPipeline(IServiceProvider? services)
    {
        UnaryServerMethod next = (request, context) => invoke(context.HttpContext.RequestServices, request, context);
        for (var i = options.Interceptors.Count - 1; i >= 0 && services is not null; i--)
        {
            var interceptor = (IServerInterceptor)ActivatorUtilities.GetServiceOrCreateInstance(services, options.Interceptors[i]);
            next = Wrap(interceptor, next);
        }
        for (var i = _builtIn.Length - 1; i >= 0; i--)
        {
            next = Wrap(_builtIn[i], next);
        }
        return next;

        static UnaryServerMethod Wrap(IServerInterceptor interceptor, UnaryServerMethod inner) =>
            (request, context) => interceptor.UnaryAsync(request, context, inner);
    }

    private async Task<IMessage> ReadRequestAsync(HttpContext http, ServerCallContext context)
    {
        var reader = http.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(context.CancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length >= GrpcProtocol.HeaderLength)
            {
                var (compressed, length) = GrpcProtocol.ReadFrameHeader(buffer);
                if (compressed)
                {
                    reader.AdvanceTo(buffer.Start);
                    throw CompressedWithoutEncoding(http);
                }
                if (length > options.MaxReceiveMessageSize)
                {
                    reader.AdvanceTo(buffer.Start);
                    throw new RpcException(StatusCode.ResourceExhausted,
                        $"Received message larger than max ({length} vs. {options.MaxReceiveMessageSize})");
                }
                if (buffer.Length >= GrpcProtocol.HeaderLength + length)
                {
                    var payload = buffer.Slice(GrpcProtocol.HeaderLength, length);
                    try
                    {
                        return parser.ParseFrom(payload);
                    }
                    catch (InvalidProtocolBufferException)
                    {
                        throw new RpcException(StatusCode.Internal, "Failed to deserialize the request message.");
                    }
                    finally
                    {
                        reader.AdvanceTo(payload.End);
                    }
                }
            }
            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                throw new RpcException(StatusCode.Internal,
                    buffer.Length == 0 ? "The request did not include a message." : "The request message was incomplete.");
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static RpcException CompressedWithoutEncoding(HttpContext http)
    {
        string? encoding = http.Request.Headers[GrpcProtocol.EncodingHeader];
        return string.IsNullOrEmpty(encoding) || encoding == "identity"
            ? new RpcException(StatusCode.Internal, "The request message is compressed but no grpc-encoding was sent.")
            : new RpcException(StatusCode.Unimplemented, $"Compression '{encoding}' is not supported; send uncompressed messages.");
    }

    private static async Task WriteReplyAsync(HttpContext http, ServerCallContext context, IMessage response, int size)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = GrpcProtocol.ContentType;
        try
        {
            var writer = http.Response.BodyWriter;
            var frameLength = GrpcProtocol.HeaderLength + size;
            var span = writer.GetSpan(frameLength)[..frameLength];
            GrpcProtocol.WriteFrameHeader(span, size);
            response.WriteTo(span[GrpcProtocol.HeaderLength..]);
            writer.Advance(frameLength);
            await writer.FlushAsync(http.RequestAborted);

            var trailers = http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
                ?? throw new InvalidOperationException("The server does not support response trailers; gRPC needs HTTP/2.");
            trailers[GrpcProtocol.StatusHeader] = "0";
            AppendMetadata(trailers, context.ResponseTrailers);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client went away while the reply was being written; nobody is left to tell.
        }
    }

    private static void WriteTrailersOnly(HttpContext http, ServerCallContext context, RpcException failure)
    {
        SetTrailersOnly(http, failure.Status, [context.ResponseTrailers, failure.Trailers]);
    }

    /// <summary>A response with no message carries its status in the headers and ends the stream ("Trailers-Only").</summary>
    private static void SetTrailersOnly(HttpContext http, Status status, Metadata[] trailers)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = GrpcProtocol.ContentType;
        var headers = http.Response.Headers;
        headers[GrpcProtocol.StatusHeader] = ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(status.Detail);
        }
        foreach (var metadata in trailers)
        {
            AppendMetadata(headers, metadata);
        }
    }

    private static void AppendMetadata(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            if (!GrpcProtocol.IsReservedHeader(entry.Key))
            {
                headers.Append(entry.Key, GrpcProtocol.ToHeaderValue(entry));
            }
        }
    }

    /// <summary>The logging interceptor, if enabled, then the control-character check, which every rpc of every service
    /// passes. Exceptions become statuses outside every interceptor, in <see cref="HandleAsync"/>
    /// (<see cref="ExceptionStatus.ToRpcException"/>): no layer of its own per call.</summary>
    private static IServerInterceptor[] BuiltInInterceptors(GrpcTransportOptions options, ILoggerFactory loggerFactory) =>
        options.EnableCallLogging
            ? [new LoggingServerInterceptor(loggerFactory.CreateLogger<LoggingServerInterceptor>()), ControlCharacterServerInterceptor.Instance]
            : [ControlCharacterServerInterceptor.Instance];
}
