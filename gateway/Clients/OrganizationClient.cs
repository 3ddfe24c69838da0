using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Grpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Alliance.Gateway.Clients;

/// <summary>Typed calls to alliance.organization.v1.OrganizationService over our gRPC channel.</summary>
public sealed class OrganizationClient(IGrpcChannelFactory channels)
{
    static readonly ServiceDescriptor Service = OrganizationReflection.Descriptor.Services[0];
    GrpcChannel Channel => channels.Get(ResourceNames.Organization);

    Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, CancellationToken ct)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse>, new() =>
        Channel.UnaryAsync<TRequest, TResponse>(Service.FindMethodByName(method), request, new CallOptions { CancellationToken = ct });

    public Task<Subsidiary> RegisterSubsidiaryAsync(RegisterSubsidiaryRequest r, CancellationToken ct) => Call<RegisterSubsidiaryRequest, Subsidiary>("RegisterSubsidiary", r, ct);
    public Task<Subsidiary> GetSubsidiaryAsync(GetSubsidiaryRequest r, CancellationToken ct) => Call<GetSubsidiaryRequest, Subsidiary>("GetSubsidiary", r, ct);
    public Task<ListSubsidiariesResponse> ListSubsidiariesAsync(ListSubsidiariesRequest r, CancellationToken ct) => Call<ListSubsidiariesRequest, ListSubsidiariesResponse>("ListSubsidiaries", r, ct);
    public Task<Organization> CreateOrganizationAsync(CreateOrganizationRequest r, CancellationToken ct) => Call<CreateOrganizationRequest, Organization>("CreateOrganization", r, ct);
    public Task<Organization> GetOrganizationAsync(GetOrganizationRequest r, CancellationToken ct) => Call<GetOrganizationRequest, Organization>("GetOrganization", r, ct);
    public Task<ListOrganizationsResponse> ListOrganizationsAsync(ListOrganizationsRequest r, CancellationToken ct) => Call<ListOrganizationsRequest, ListOrganizationsResponse>("ListOrganizations", r, ct);
    public Task<Organization> MoveOrganizationAsync(MoveOrganizationRequest r, CancellationToken ct) => Call<MoveOrganizationRequest, Organization>("MoveOrganization", r, ct);
}
