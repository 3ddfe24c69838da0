using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>Which endpoint of which service each registered client uses.</summary>
internal sealed class GrpcClientRegistrations
{
    public Dictionary<string, string> EndpointByService { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Makes one channel per registered service, on first use, from Aspire's service-discovery configuration:
/// <c>services:{name}:{endpoint}:{index}</c> holds one replica's address each.
/// </summary>
internal sealed class GrpcChannelFactory(
    IConfiguration configuration,
    IOptions<GrpcClientRegistrations> registrations,
    IOptionsMonitor<GrpcChannelOptions> channelOptions,
    IEnumerable<IOutgoingMetadataProvider> metadataProviders) : IGrpcChannelFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new(StringComparer.OrdinalIgnoreCase);

    public GrpcChannel Get(string serviceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        if (!registrations.Value.EndpointByService.TryGetValue(serviceName, out var endpointName))
        {
            throw new InvalidOperationException(
                $"No gRPC client is registered for service '{serviceName}'; call services.AddGrpcClient(\"{serviceName}\").");
        }
        return _channels.GetOrAdd(serviceName, name => new Lazy<GrpcChannel>(() => Create(name, endpointName))).Value;
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated))
        {
            channel.Value.Dispose();
        }
    }

    private GrpcChannel Create(string serviceName, string endpointName)
    {
        var addresses = new List<Uri>();
        for (var index = 0; ; index++)
        {
            var key = ServiceDiscoveryKey(serviceName, endpointName, index);
            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value))
            {
                if (index == 0)
                {
                    throw new InvalidOperationException(
                        $"No address for gRPC service '{serviceName}': configuration key '{key}' is missing.");
                }
                break;
            }
            if (!Uri.TryCreate(value, UriKind.Absolute, out var address))
            {
                throw new InvalidOperationException(
                    $"Configuration key '{key}' must hold an absolute address such as http://127.0.0.1:5001, not '{value}'.");
            }
            addresses.Add(address);
        }

        var options = channelOptions.Get(serviceName);
        foreach (var provider in metadataProviders)
        {
            if (!options.MetadataProviders.Contains(provider))
            {
                options.MetadataProviders.Add(provider);
            }
        }
        return new GrpcChannel(addresses, options);
    }

    public static string ServiceDiscoveryKey(string serviceName, string endpointName, int index) =>
        $"services:{serviceName}:{endpointName}:{index}";
}
