using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>Registers named gRPC channels whose addresses come from service-discovery configuration.</summary>
public static class GrpcClientExtensions
{
    /// <summary>
    /// Registers a channel to <paramref name="serviceName"/>, whose replicas are read from configuration keys
    /// <c>services:{serviceName}:{endpointName}:0</c>, <c>:1</c>, ...; get it from <see cref="IGrpcChannelFactory"/>.
    /// </summary>
    public static IServiceCollection AddGrpcClient(
        this IServiceCollection services,
        string serviceName,
        string endpointName = "http",
        Action<GrpcChannelOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(endpointName);
        services.AddOptions();
        services.Configure<GrpcClientRegistrations>(r => r.EndpointByService[serviceName] = endpointName);
        if (configure is not null)
        {
            services.Configure(serviceName, configure);
        }
        services.TryAddSingleton<IGrpcChannelFactory, GrpcChannelFactory>();
        return services;
    }
}
