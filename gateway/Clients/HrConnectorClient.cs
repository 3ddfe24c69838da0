using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Grpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Alliance.Gateway.Clients;

/// <summary>Typed calls to alliance.organization.v1.HrConnectorService (hosted by the organization service).</summary>
public sealed class HrConnectorClient(IGrpcChannelFactory channels)
{
    static readonly ServiceDescriptor Service = HrConnectorsReflection.Descriptor.Services[0];
    GrpcChannel Channel => channels.Get(ResourceNames.Organization);

    Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, CancellationToken ct)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse>, new() =>
        Channel.UnaryAsync<TRequest, TResponse>(Service.FindMethodByName(method), request, new CallOptions { CancellationToken = ct });

    public Task<ListHrConnectorsResponse> ListAsync(ListHrConnectorsRequest r, CancellationToken ct) => Call<ListHrConnectorsRequest, ListHrConnectorsResponse>("ListHrConnectors", r, ct);
    public Task<HrConnector> GetAsync(HrConnectorIdRequest r, CancellationToken ct) => Call<HrConnectorIdRequest, HrConnector>("GetHrConnector", r, ct);
    public Task<HrConnector> CreateAsync(CreateHrConnectorRequest r, CancellationToken ct) => Call<CreateHrConnectorRequest, HrConnector>("CreateHrConnector", r, ct);
    public Task<HrConnector> UpdateAsync(UpdateHrConnectorRequest r, CancellationToken ct) => Call<UpdateHrConnectorRequest, HrConnector>("UpdateHrConnector", r, ct);
    public Task<HrConnector> SetEnabledAsync(SetHrConnectorEnabledRequest r, CancellationToken ct) => Call<SetHrConnectorEnabledRequest, HrConnector>("SetHrConnectorEnabled", r, ct);
    public Task<HrConnector> RunNowAsync(HrConnectorIdRequest r, CancellationToken ct) => Call<HrConnectorIdRequest, HrConnector>("RunHrConnectorNow", r, ct);
}
