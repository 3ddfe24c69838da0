using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Grpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Alliance.Gateway.Clients;

/// <summary>Typed calls to alliance.organization.v1.ServiceCenterService over our gRPC channel.</summary>
public sealed class ServiceCenterClient(IGrpcChannelFactory channels)
{
    static readonly ServiceDescriptor Service = ServiceCentersReflection.Descriptor.Services[0];
    GrpcChannel Channel => channels.Get(ResourceNames.Organization);

    Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, CancellationToken ct)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse>, new() =>
        Channel.UnaryAsync<TRequest, TResponse>(Service.FindMethodByName(method), request, new CallOptions { CancellationToken = ct });

    public Task<ServiceCenter> OpenAsync(OpenServiceCenterRequest r, CancellationToken ct) => Call<OpenServiceCenterRequest, ServiceCenter>("OpenServiceCenter", r, ct);
    public Task<ServiceCenter> GetAsync(GetServiceCenterRequest r, CancellationToken ct) => Call<GetServiceCenterRequest, ServiceCenter>("GetServiceCenter", r, ct);
    public Task<ListServiceCentersResponse> ListAsync(ListServiceCentersRequest r, CancellationToken ct) => Call<ListServiceCentersRequest, ListServiceCentersResponse>("ListServiceCenters", r, ct);
    public Task<ServiceCenter> ReviseAsync(ReviseServiceCenterRequest r, CancellationToken ct) => Call<ReviseServiceCenterRequest, ServiceCenter>("ReviseServiceCenter", r, ct);
    public Task<ServiceCenter> CloseAsync(CloseServiceCenterRequest r, CancellationToken ct) => Call<CloseServiceCenterRequest, ServiceCenter>("CloseServiceCenter", r, ct);
    public Task<ServiceCenter> ShareWithAllianceAsync(ShareWithAllianceRequest r, CancellationToken ct) => Call<ShareWithAllianceRequest, ServiceCenter>("ShareWithAlliance", r, ct);
    public Task<ServiceCenter> StopSharingAsync(StopSharingRequest r, CancellationToken ct) => Call<StopSharingRequest, ServiceCenter>("StopSharing", r, ct);
}
