using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>
/// Makes unary gRPC calls over one HTTP/2 HttpClient to one or more replicas of a service, taking them in turn.
/// Every call has a deadline; a call that ends UNAVAILABLE is retried (the only retry layer) behind a circuit breaker.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcProtocol.ContentType);

    private readonly Uri[] _addresses;
    private readonly GrpcChannelOptions _options;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _resilience;
    private int _nextAddress = -1;

    public GrpcChannel(IEnumerable<Uri> addresses, GrpcChannelOptions? options = null)
    {
        _addresses = addresses?.ToArray() ?? throw new ArgumentNullException(nameof(addresses));
        if (_addresses.Length == 0)
        {
            throw new ArgumentException("A channel needs at least one address.", nameof(addresses));
        }
        _options = options ?? new GrpcChannelOptions();
        _http = new HttpClient(_options.HttpHandler ?? CreateHandler(), disposeHandler: _options.HttpHandler is null)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            // Deadlines bound every call; HttpClient's own timeout would only get in their way.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _resilience = CreateResiliencePipeline(_options);
    }

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        new([new Uri(address)], options);

    public IReadOnlyList<Uri> Addresses => _addresses;

    public Task<TResponse> UnaryAsync<TRequest, TResponse>(MethodDescriptor method, TRequest request, CallOptions? options = null)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.InputType.ClrType != typeof(TRequest) || method.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"{method.FullName} takes {method.InputType.ClrType.Name} and returns {method.OutputType.ClrType.Name}, " +
                $"not {typeof(TRequest).Name} and {typeof(TResponse).Name}.", nameof(method));
        }
        return UnaryAsync<TRequest, TResponse>($"/{method.Service.FullName}/{method.Name}", request, options);
    }

    /// <summary>Calls the method at <paramref name="method"/>, a full path such as "/package.Service/Method".</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(string method, TRequest request, CallOptions? options = null)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(request);
        var call = options ?? new CallOptions();
        var deadline = call.Deadline ?? DateTime.UtcNow + _options.DefaultDeadline;
        var headers = OutgoingHeaders(call.Headers);
        var frame = Frame(request);

        using var deadlineCancellation = CancellationTokenSource.CreateLinkedTokenSource(call.CancellationToken);
        var remaining = deadline.ToUniversalTime() - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero)
        {
            throw new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        if (remaining.TotalMilliseconds < uint.MaxValue - 1)
        {
            deadlineCancellation.CancelAfter(remaining);
        }

        try
        {
            return await _resilience.ExecuteAsync(
                token => new ValueTask<TResponse>(SendOnceAsync<TResponse>(method, frame, headers, deadline.ToUniversalTime(), token)),
                deadlineCancellation.Token);
        }
        catch (OperationCanceledException) when (call.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(StatusCode.Cancelled, "Call cancelled by the caller");
        }
        catch (OperationCanceledException)
        {
            throw new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        catch (BrokenCircuitException exception)
        {
            throw new RpcException(StatusCode.Unavailable, $"The service is unavailable: {exception.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<TResponse> SendOnceAsync<TResponse>(
        string method, byte[] frame, Metadata headers, DateTime deadline, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>, new()
    {
        var address = _addresses[(int)((uint)Interlocked.Increment(ref _nextAddress) % (uint)_addresses.Length)];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame) { Headers = { ContentType = GrpcContentType } },
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcProtocol.FormatTimeout(deadline - DateTime.UtcNow));
        foreach (var entry in headers)
        {
            request.Headers.TryAddWithoutValidation(entry.Key, GrpcProtocol.ToHeaderValue(entry));
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return await ReadResponseAsync<TResponse>(response, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw HttpStatusMapping.FromTransportFailure(exception);
        }
    }

    private async Task<TResponse> ReadResponseAsync<TResponse>(HttpResponseMessage response, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>, new()
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RpcException(HttpStatusMapping.FromHttpStatus(response.StatusCode),
                $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}");
        }
        if (response.Headers.Contains(GrpcProtocol.StatusHeader))
        {
            // Trailers-Only: the status is in the headers and there is no message.
            var status = ReadStatus(response.Headers);
            var trailers = ToMetadata(response.Headers);
            throw status.StatusCode == StatusCode.OK
                ? new RpcException(new Status(StatusCode.Internal, "The response had status OK but no message."), trailers)
                : new RpcException(status, trailers);
        }
        if (!GrpcProtocol.IsGrpcContentType(response.Content.Headers.ContentType?.MediaType))
        {
            throw new RpcException(StatusCode.Unknown,
                $"Bad gRPC response. Content-type '{response.Content.Headers.ContentType}' is not application/grpc.");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var message = await ReadMessageAsync(body, cancellationToken);
        // Reading to the end of the stream is what makes the trailers available.
        await body.CopyToAsync(Stream.Null, cancellationToken);

        if (!response.TrailingHeaders.Contains(GrpcProtocol.StatusHeader))
        {
            throw new RpcException(StatusCode.Internal, "The response ended without a grpc-status.");
        }
        var finalStatus = ReadStatus(response.TrailingHeaders);
        if (finalStatus.StatusCode != StatusCode.OK)
        {
            throw new RpcException(finalStatus, ToMetadata(response.TrailingHeaders));
        }
        if (message is null)
        {
            throw new RpcException(StatusCode.Internal, "The response had status OK but no message.");
        }
        try
        {
            return MessageParserCache<TResponse>.Parser.ParseFrom(message);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(StatusCode.Internal, $"Failed to deserialize the response as {typeof(TResponse).Name}.");
        }
    }

    private async Task<byte[]?> ReadMessageAsync(Stream body, CancellationToken cancellationToken)
    {
        var header = new byte[GrpcProtocol.HeaderLength];
        var read = await body.ReadAtLeastAsync(header, GrpcProtocol.HeaderLength, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }
        if (read < GrpcProtocol.HeaderLength)
        {
            throw new RpcException(StatusCode.Internal, "The response ended inside a message header.");
        }
        var (compressed, length) = GrpcProtocol.ReadFrameHeader(new System.Buffers.ReadOnlySequence<byte>(header));
        if (compressed)
        {
            throw new RpcException(StatusCode.Internal, "The response message is compressed, which this client did not ask for.");
        }
        if (length > _options.MaxReceiveMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Received message larger than max ({length} vs. {_options.MaxReceiveMessageSize})");
        }
        var message = new byte[length];
        await body.ReadExactlyAsync(message, cancellationToken);
        return message;
    }

    private Metadata OutgoingHeaders(Metadata? callHeaders)
    {
        var headers = new Metadata();
        foreach (var provider in _options.MetadataProviders)
        {
            provider.AddTo(headers);
        }
        if (callHeaders is not null)
        {
            foreach (var entry in callHeaders)
            {
                headers.Add(entry);
            }
        }
        return headers;
    }

    private static byte[] Frame(IMessage message)
    {
        var size = message.CalculateSize();
        var frame = new byte[GrpcProtocol.HeaderLength + size];
        GrpcProtocol.WriteFrameHeader(frame, size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.HeaderLength));
        return frame;
    }

    private static Status ReadStatus(HttpHeaders headers)
    {
        var code = headers.TryGetValues(GrpcProtocol.StatusHeader, out var codes) ? codes.FirstOrDefault() : null;
        var detail = headers.TryGetValues(GrpcProtocol.MessageHeader, out var details) ? details.FirstOrDefault() : null;
        return int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? new Status((StatusCode)value, GrpcProtocol.DecodeMessage(detail))
            : new Status(StatusCode.Unknown, $"The response had an invalid grpc-status '{code}'.");
    }

    private static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            GrpcProtocol.AddHeader(metadata, header.Key, header.Value);
        }
        return metadata;
    }

    private static SocketsHttpHandler CreateHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    private static ResiliencePipeline CreateResiliencePipeline(GrpcChannelOptions options)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => args.Context.CancellationToken.IsCancellationRequested
                    ? PredicateResult.False()
                    : IsUnavailable(args.Outcome),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => IsUnavailable(args.Outcome),
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
            })
            .Build();
    }

    private static ValueTask<bool> IsUnavailable(Outcome<object> outcome) =>
        new(outcome.Exception is RpcException { StatusCode: StatusCode.Unavailable });

    private static class MessageParserCache<TMessage>
        where TMessage : IMessage<TMessage>, new()
    {
        public static readonly MessageParser<TMessage> Parser = new(() => new TMessage());
    }
}
