using System.Collections.Concurrent;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>The services this host has mapped, for the health service and for telling unknown services from unknown methods.</summary>
internal sealed class GrpcServiceRegistry
{
    private readonly ConcurrentDictionary<string, bool> _services = new(StringComparer.Ordinal);

    public bool UnimplementedEndpointMapped { get; set; }

    public void Add(string serviceFullName) => _services[serviceFullName] = true;

    public bool IsMapped(string serviceFullName) => _services.ContainsKey(serviceFullName);
}
