using Alliance.Activity.Bulletins;
using Alliance.Activity.Common;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>Tackling projects over gRPC; each call is its use case's handler. No method is open to partners (ADR 41).</summary>
public sealed class ProjectGrpcService : C.ProjectService.ProjectServiceBase
{
    public override Task<C.Project> CreateProject(C.CreateProjectRequest request, ServerCallContext context) =>
        Handler<CreateProject>(context).HandleAsync(request, context);

    public override Task<C.Project> GetProject(C.GetProjectRequest request, ServerCallContext context) =>
        Handler<GetProject>(context).HandleAsync(request, context);

    public override Task<C.ListProjectsResponse> ListProjects(C.ListProjectsRequest request, ServerCallContext context) =>
        Handler<ListProjects>(context).HandleAsync(request, context);

    public override Task<C.Project> ReviseProject(C.ReviseProjectRequest request, ServerCallContext context) =>
        Handler<ReviseProject>(context).HandleAsync(request, context);

    public override Task<C.Project> ChangeProjectStatus(C.ChangeProjectStatusRequest request, ServerCallContext context) =>
        Handler<ChangeProjectStatus>(context).HandleAsync(request, context);

    public override Task<C.Project> AddMilestone(C.AddMilestoneRequest request, ServerCallContext context) =>
        Handler<AddMilestone>(context).HandleAsync(request, context);

    public override Task<C.Project> ReachMilestone(C.ReachMilestoneRequest request, ServerCallContext context) =>
        Handler<ReachMilestone>(context).HandleAsync(request, context);

    public override Task<C.Project> RecordOutcome(C.RecordOutcomeRequest request, ServerCallContext context) =>
        Handler<RecordOutcome>(context).HandleAsync(request, context);

    public override Task<C.Project> SetProjectLinks(C.SetProjectLinksRequest request, ServerCallContext context) =>
        Handler<SetProjectLinks>(context).HandleAsync(request, context);

    public override Task<C.ProjectHistory> GetProjectHistory(C.GetProjectHistoryRequest request, ServerCallContext context) =>
        Handler<GetProjectHistory>(context).HandleAsync(request, context);

    public override Task<C.MilestoneEvidence> UploadMilestoneEvidence(C.UploadMilestoneEvidenceRequest request, ServerCallContext context) =>
        Handler<MilestoneEvidenceFiles>(context).UploadAsync(request, context);

    public override Task DownloadMilestoneEvidence(C.DownloadMilestoneEvidenceRequest request, IServerStreamWriter<C.MilestoneEvidenceChunk> stream,
        ServerCallContext context) => Handler<MilestoneEvidenceFiles>(context).DownloadAsync(request, stream, context);

    /// <summary>The handlers of tackling projects and of the joint work they share (access, flow), and the bulletin's milestones.</summary>
    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<JointWorkAccess>();
        services.AddScoped<JointWorkFlow>();
        services.AddScoped<ProjectReading>();
        services.AddScoped<ProjectPlanning>();
        services.AddScoped<CreateProject>();
        services.AddScoped<GetProject>();
        services.AddScoped<ListProjects>();
        services.AddScoped<ReviseProject>();
        services.AddScoped<ChangeProjectStatus>();
        services.AddScoped<AddMilestone>();
        services.AddScoped<ReachMilestone>();
        services.AddScoped<RecordOutcome>();
        services.AddScoped<SetProjectLinks>();
        services.AddScoped<GetProjectHistory>();
        services.AddScoped<MilestoneEvidenceFiles>();
        services.AddScoped<IBulletinContentSource, MilestoneBulletinSource>();
    }
}
