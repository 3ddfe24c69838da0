using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.ServiceDiscovery;
using Polly;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>
/// Generated gRPC clients (Grpc.Net.ClientFactory) to a service of the application, by its resource name: the address
/// <c>http://{name}</c> is resolved by service discovery (<c>services:{name}:http:0..n</c>), one endpoint after the other,
/// so calls spread over every replica; every call has a deadline; a call whose connection could not be made is retried.
/// </summary>
public static class GrpcClientExtensions
{
    /// <summary>The deadline of a call that sets none.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(10);

    /// <param name="clientName">A name for the client when one service talks to several services of the same contract;
    /// resolve it with <c>GrpcClientFactory.CreateClient&lt;TClient&gt;(clientName)</c>.</param>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, string resourceName, string? clientName = null)
        where TClient : ClientBase
    {
        // Once per application, however many clients: each call would register its endpoint providers again.
        if (!services.Any(d => d.ServiceType == typeof(ServiceEndpointResolver))) services.AddServiceDiscovery();
        services.TryAddSingleton<DefaultDeadlineInterceptor>();
        void Address(GrpcClientFactoryOptions o) => o.Address = new Uri($"http://{resourceName}");
        var client = (clientName is null ? services.AddGrpcClient<TClient>(Address) : services.AddGrpcClient<TClient>(clientName, Address))
            .AddInterceptor<DefaultDeadlineInterceptor>();
        // The retry sits outside discovery, so a request that could not reach one replica goes to the next.
        client.AddResilienceHandler("unreached-endpoint", RetryWhereNothingWasSent);
        return client.AddServiceDiscovery();
    }

    /// <summary>
    /// The one retry layer: only a request that never reached a service (its connection was refused or could not be made,
    /// e.g. a replica restarting) is sent again, to the next endpoint. A call that reached a service is never repeated here:
    /// its status, even UNAVAILABLE, is the caller's to act on, so a create is not applied twice.
    /// </summary>
    static void RetryWhereNothingWasSent(ResiliencePipelineBuilder<HttpResponseMessage> pipeline) =>
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }),
        });

    /// <summary>Gives every call without a deadline <see cref="DefaultDeadline"/>.</summary>
    sealed class DefaultDeadlineInterceptor : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            if (context.Options.Deadline is null)
                context = new(context.Method, context.Host, context.Options.WithDeadline(DateTime.UtcNow + DefaultDeadline));
            return continuation(request, context);
        }
    }
}
