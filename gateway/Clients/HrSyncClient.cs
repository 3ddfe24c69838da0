using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Grpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Alliance.Gateway.Clients;

/// <summary>Typed calls to alliance.organization.v1.HrSyncService (hosted by the organization service).</summary>
public sealed class HrSyncClient(IGrpcChannelFactory channels)
{
    static readonly ServiceDescriptor Service = HrSyncReflection.Descriptor.Services[0];
    GrpcChannel Channel => channels.Get(ResourceNames.Organization);

    Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, CancellationToken ct)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse>, new() =>
        Channel.UnaryAsync<TRequest, TResponse>(Service.FindMethodByName(method), request, new CallOptions { CancellationToken = ct });

    public Task<CreateHrClientResponse> CreateHrClientAsync(CreateHrClientRequest r, CancellationToken ct) => Call<CreateHrClientRequest, CreateHrClientResponse>("CreateHrClient", r, ct);
    public Task<ListHrClientsResponse> ListHrClientsAsync(ListHrClientsRequest r, CancellationToken ct) => Call<ListHrClientsRequest, ListHrClientsResponse>("ListHrClients", r, ct);
    public Task<HrClient> RevokeHrClientAsync(RevokeHrClientRequest r, CancellationToken ct) => Call<RevokeHrClientRequest, HrClient>("RevokeHrClient", r, ct);
    public Task<HrClient> VerifyHrClientAsync(VerifyHrClientRequest r, CancellationToken ct) => Call<VerifyHrClientRequest, HrClient>("VerifyHrClient", r, ct);

    public Task<HrUser> CreateHrUserAsync(HrUserWrite r, CancellationToken ct) => Call<HrUserWrite, HrUser>("CreateHrUser", r, ct);
    public Task<HrUser> GetHrUserAsync(GetHrResourceRequest r, CancellationToken ct) => Call<GetHrResourceRequest, HrUser>("GetHrUser", r, ct);
    public Task<HrUser> ReplaceHrUserAsync(HrUserWrite r, CancellationToken ct) => Call<HrUserWrite, HrUser>("ReplaceHrUser", r, ct);
    public Task<DeleteHrResourceResponse> DeleteHrUserAsync(DeleteHrResourceRequest r, CancellationToken ct) => Call<DeleteHrResourceRequest, DeleteHrResourceResponse>("DeleteHrUser", r, ct);
    public Task<ListHrUsersResponse> ListHrUsersAsync(ListHrResourcesRequest r, CancellationToken ct) => Call<ListHrResourcesRequest, ListHrUsersResponse>("ListHrUsers", r, ct);

    public Task<HrGroup> CreateHrGroupAsync(HrGroupWrite r, CancellationToken ct) => Call<HrGroupWrite, HrGroup>("CreateHrGroup", r, ct);
    public Task<HrGroup> GetHrGroupAsync(GetHrResourceRequest r, CancellationToken ct) => Call<GetHrResourceRequest, HrGroup>("GetHrGroup", r, ct);
    public Task<HrGroup> ReplaceHrGroupAsync(HrGroupWrite r, CancellationToken ct) => Call<HrGroupWrite, HrGroup>("ReplaceHrGroup", r, ct);
    public Task<HrGroup> PatchHrGroupAsync(PatchHrGroupRequest r, CancellationToken ct) => Call<PatchHrGroupRequest, HrGroup>("PatchHrGroup", r, ct);
    public Task<DeleteHrResourceResponse> DeleteHrGroupAsync(DeleteHrResourceRequest r, CancellationToken ct) => Call<DeleteHrResourceRequest, DeleteHrResourceResponse>("DeleteHrGroup", r, ct);
    public Task<ListHrGroupsResponse> ListHrGroupsAsync(ListHrResourcesRequest r, CancellationToken ct) => Call<ListHrResourcesRequest, ListHrGroupsResponse>("ListHrGroups", r, ct);
}
