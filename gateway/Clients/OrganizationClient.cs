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
    public Task<Organization> RenameOrganizationAsync(RenameOrganizationRequest r, CancellationToken ct) => Call<RenameOrganizationRequest, Organization>("RenameOrganization", r, ct);
    public Task<Organization> MergeOrganizationAsync(MergeOrganizationRequest r, CancellationToken ct) => Call<MergeOrganizationRequest, Organization>("MergeOrganization", r, ct);
    public Task<Organization> DissolveOrganizationAsync(DissolveOrganizationRequest r, CancellationToken ct) => Call<DissolveOrganizationRequest, Organization>("DissolveOrganization", r, ct);
    public Task<OrganizationHistory> GetOrganizationHistoryAsync(GetOrganizationHistoryRequest r, CancellationToken ct) => Call<GetOrganizationHistoryRequest, OrganizationHistory>("GetOrganizationHistory", r, ct);
    public Task<OrganizationPath> GetOrganizationPathAsync(GetOrganizationPathRequest r, CancellationToken ct) => Call<GetOrganizationPathRequest, OrganizationPath>("GetOrganizationPath", r, ct);
    public Task<SubtreeCounts> GetSubtreeCountsAsync(GetSubtreeCountsRequest r, CancellationToken ct) => Call<GetSubtreeCountsRequest, SubtreeCounts>("GetSubtreeCounts", r, ct);
    public Task<ListOrganizationsResponse> GetTreeAsOfAsync(GetTreeAsOfRequest r, CancellationToken ct) => Call<GetTreeAsOfRequest, ListOrganizationsResponse>("GetTreeAsOf", r, ct);
}
