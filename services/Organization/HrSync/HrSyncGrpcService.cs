using Alliance.Organization.HrSync.Clients;
using Alliance.Organization.HrSync.Conflicts;
using Alliance.Organization.HrSync.Groups;
using Alliance.Organization.HrSync.Runs;
using Alliance.Organization.HrSync.Users;
using Grpc.Core;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync;

/// <summary>
/// alliance.organization.v1.HrSyncService: each rpc a use case of its own file, by feature (Clients/, Users/, Groups/,
/// Runs/, Conflicts/). HR users and groups are reached only by an HR client (role hr-client) and only in its subsidiary;
/// another subsidiary's records are NOT_FOUND (<see cref="HrSyncAccess"/>). An HR user is matched to a person by employee
/// number, else by the externalId of an earlier HR record, else a new employee person is registered. HR owns the
/// person's name and employee number; membership, roles and lists are never touched here.
/// </summary>
public sealed class HrSyncGrpcService : C.HrSyncService.HrSyncServiceBase
{
    // ---- HR client credentials (administrators) ----

    public override Task<C.CreateHrClientResponse> CreateHrClient(C.CreateHrClientRequest request, ServerCallContext context) =>
        Handler<CreateHrClient>(context).HandleAsync(request, context);

    public override Task<C.ListHrClientsResponse> ListHrClients(C.ListHrClientsRequest request, ServerCallContext context) =>
        Handler<ListHrClients>(context).HandleAsync(request, context);

    public override Task<C.HrClient> RevokeHrClient(C.RevokeHrClientRequest request, ServerCallContext context) =>
        Handler<RevokeHrClient>(context).HandleAsync(request, context);

    public override Task<C.HrClient> VerifyHrClient(C.VerifyHrClientRequest request, ServerCallContext context) =>
        Handler<VerifyHrClient>(context).HandleAsync(request, context);

    // ---- HR users (SCIM) ----

    public override Task<C.HrUser> CreateHrUser(C.HrUserWrite request, ServerCallContext context) =>
        Handler<CreateHrUser>(context).HandleAsync(request, context);

    public override Task<C.HrUser> GetHrUser(C.GetHrResourceRequest request, ServerCallContext context) =>
        Handler<GetHrUser>(context).HandleAsync(request, context);

    public override Task<C.HrUser> ReplaceHrUser(C.HrUserWrite request, ServerCallContext context) =>
        Handler<ReplaceHrUser>(context).HandleAsync(request, context);

    public override Task<C.DeleteHrResourceResponse> DeleteHrUser(C.DeleteHrResourceRequest request, ServerCallContext context) =>
        Handler<DeleteHrUser>(context).HandleAsync(request, context);

    public override Task<C.ListHrUsersResponse> ListHrUsers(C.ListHrResourcesRequest request, ServerCallContext context) =>
        Handler<ListHrUsers>(context).HandleAsync(request, context);

    // ---- HR groups (SCIM) ----

    public override Task<C.HrGroup> CreateHrGroup(C.HrGroupWrite request, ServerCallContext context) =>
        Handler<CreateHrGroup>(context).HandleAsync(request, context);

    public override Task<C.HrGroup> GetHrGroup(C.GetHrResourceRequest request, ServerCallContext context) =>
        Handler<GetHrGroup>(context).HandleAsync(request, context);

    public override Task<C.HrGroup> ReplaceHrGroup(C.HrGroupWrite request, ServerCallContext context) =>
        Handler<ReplaceHrGroup>(context).HandleAsync(request, context);

    public override Task<C.HrGroup> PatchHrGroup(C.PatchHrGroupRequest request, ServerCallContext context) =>
        Handler<PatchHrGroup>(context).HandleAsync(request, context);

    public override Task<C.DeleteHrResourceResponse> DeleteHrGroup(C.DeleteHrResourceRequest request, ServerCallContext context) =>
        Handler<DeleteHrGroup>(context).HandleAsync(request, context);

    public override Task<C.ListHrGroupsResponse> ListHrGroups(C.ListHrResourcesRequest request, ServerCallContext context) =>
        Handler<ListHrGroups>(context).HandleAsync(request, context);

    // ---- sync runs: batches and files through the apply path ----

    public override Task<C.HrSyncRun> StartHrSyncRun(C.StartHrSyncRunRequest request, ServerCallContext context) =>
        Handler<StartHrSyncRun>(context).HandleAsync(request, context);

    public override Task<C.ApplyHrEmployeesResponse> ApplyHrEmployees(C.ApplyHrEmployeesRequest request, ServerCallContext context) =>
        Handler<ApplyHrEmployees>(context).HandleAsync(request, context);

    public override Task<C.ImportHrFileResponse> ImportHrFile(C.ImportHrFileRequest request, ServerCallContext context) =>
        Handler<ImportHrFile>(context).HandleAsync(request, context);

    public override Task<C.ApplyHrEmployeesResponse> ApplyHrDepartments(C.ApplyHrDepartmentsRequest request, ServerCallContext context) =>
        Handler<ApplyHrDepartments>(context).HandleAsync(request, context);

    public override Task<C.HrSyncRun> FinishHrSyncRun(C.FinishHrSyncRunRequest request, ServerCallContext context) =>
        Handler<FinishHrSyncRun>(context).HandleAsync(request, context);

    public override Task<C.HrSyncRun> GetHrSyncRun(C.GetHrSyncRunRequest request, ServerCallContext context) =>
        Handler<GetHrSyncRun>(context).HandleAsync(request, context);

    public override Task<C.ListHrSyncRunsResponse> ListHrSyncRuns(C.ListHrSyncRunsRequest request, ServerCallContext context) =>
        Handler<ListHrSyncRuns>(context).HandleAsync(request, context);

    public override Task<C.ListHrSyncRunRowsResponse> ListHrSyncRunRows(C.ListHrSyncRunRowsRequest request, ServerCallContext context) =>
        Handler<ListHrSyncRunRows>(context).HandleAsync(request, context);

    // ---- conflicts ----

    public override Task<C.ListHrConflictsResponse> ListHrConflicts(C.ListHrConflictsRequest request, ServerCallContext context) =>
        Handler<ListHrConflicts>(context).HandleAsync(request, context);

    public override Task<C.HrConflict> GetHrConflict(C.GetHrConflictRequest request, ServerCallContext context) =>
        Handler<GetHrConflict>(context).HandleAsync(request, context);

    public override Task<C.HrConflict> ResolveHrConflict(C.ResolveHrConflictRequest request, ServerCallContext context) =>
        Handler<ResolveHrConflict>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<CreateHrClient>();
        services.AddScoped<ListHrClients>();
        services.AddScoped<RevokeHrClient>();
        services.AddScoped<VerifyHrClient>();
        services.AddScoped<CreateHrUser>();
        services.AddScoped<GetHrUser>();
        services.AddScoped<ReplaceHrUser>();
        services.AddScoped<DeleteHrUser>();
        services.AddScoped<ListHrUsers>();
        services.AddScoped<HrGroups>();
        services.AddScoped<CreateHrGroup>();
        services.AddScoped<GetHrGroup>();
        services.AddScoped<ReplaceHrGroup>();
        services.AddScoped<PatchHrGroup>();
        services.AddScoped<DeleteHrGroup>();
        services.AddScoped<ListHrGroups>();
        services.AddScoped<HrApplyPath>();
        services.AddScoped<HrEmployeeFileImport>();
        services.AddScoped<StartHrSyncRun>();
        services.AddScoped<ApplyHrEmployees>();
        services.AddScoped<ImportHrFile>();
        services.AddScoped<ApplyHrDepartments>();
        services.AddScoped<FinishHrSyncRun>();
        services.AddScoped<GetHrSyncRun>();
        services.AddScoped<ListHrSyncRuns>();
        services.AddScoped<ListHrSyncRunRows>();
        services.AddScoped<ListHrConflicts>();
        services.AddScoped<GetHrConflict>();
        services.AddScoped<ResolveHrConflict>();
    }
}
