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
    static readonly TimeSpan ImportDeadline = TimeSpan.FromMinutes(5);

    public Task<HrSyncRun> StartHrSyncRunAsync(StartHrSyncRunRequest r, CancellationToken ct) => Call<StartHrSyncRunRequest, HrSyncRun>("StartHrSyncRun", r, ct);
    public Task<ApplyHrEmployeesResponse> ApplyHrEmployeesAsync(ApplyHrEmployeesRequest r, CancellationToken ct) => Call<ApplyHrEmployeesRequest, ApplyHrEmployeesResponse>("ApplyHrEmployees", r, ct);
    public Task<ApplyHrEmployeesResponse> ApplyHrDepartmentsAsync(ApplyHrDepartmentsRequest r, CancellationToken ct) => Call<ApplyHrDepartmentsRequest, ApplyHrEmployeesResponse>("ApplyHrDepartments", r, ct);
    public Task<HrSyncRun> FinishHrSyncRunAsync(FinishHrSyncRunRequest r, CancellationToken ct) => Call<FinishHrSyncRunRequest, HrSyncRun>("FinishHrSyncRun", r, ct);
    public Task<HrSyncRun> GetHrSyncRunAsync(GetHrSyncRunRequest r, CancellationToken ct) => Call<GetHrSyncRunRequest, HrSyncRun>("GetHrSyncRun", r, ct);
    public Task<ListHrSyncRunsResponse> ListHrSyncRunsAsync(ListHrSyncRunsRequest r, CancellationToken ct) => Call<ListHrSyncRunsRequest, ListHrSyncRunsResponse>("ListHrSyncRuns", r, ct);
    public Task<ListHrSyncRunRowsResponse> ListHrSyncRunRowsAsync(ListHrSyncRunRowsRequest r, CancellationToken ct) => Call<ListHrSyncRunRowsRequest, ListHrSyncRunRowsResponse>("ListHrSyncRunRows", r, ct);
    public Task<ListHrConflictsResponse> ListHrConflictsAsync(ListHrConflictsRequest r, CancellationToken ct) => Call<ListHrConflictsRequest, ListHrConflictsResponse>("ListHrConflicts", r, ct);
    public Task<HrConflict> GetHrConflictAsync(GetHrConflictRequest r, CancellationToken ct) => Call<GetHrConflictRequest, HrConflict>("GetHrConflict", r, ct);
    public Task<HrConflict> ResolveHrConflictAsync(ResolveHrConflictRequest r, CancellationToken ct) => Call<ResolveHrConflictRequest, HrConflict>("ResolveHrConflict", r, ct);

    /// <summary>A file import runs for as long as its rows take (batches of 500): a longer deadline than other calls.</summary>
    public Task<ImportHrFileResponse> ImportHrFileAsync(ImportHrFileRequest r, CancellationToken ct) =>
        Channel.UnaryAsync<ImportHrFileRequest, ImportHrFileResponse>(Service.FindMethodByName("ImportHrFile"), r,
            new CallOptions { CancellationToken = ct, Deadline = DateTime.UtcNow + ImportDeadline });

    public Task<ListHrGroupsResponse> ListHrGroupsAsync(ListHrResourcesRequest r, CancellationToken ct) => Call<ListHrResourcesRequest, ListHrGroupsResponse>("ListHrGroups", r, ct);
}
