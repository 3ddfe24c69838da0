using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>Creates a tackling project (planned) with its client request id, first audit entry and <c>ProjectCreated</c> in one transaction.</summary>
public sealed class CreateProject(ActivityDbContext db, ProjectPlanning planning, ProjectReading reading, JointWorkFlow flow)
{
    public async Task<C.Project> HandleAsync(C.CreateProjectRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        caller.EnsureMayPlan("create a tackling project");
        var ct = context.CancellationToken;
        var id = await flow.CreateAsync(caller, "create-project", request.ClientRequestId, async (by, now) =>
        {
            var project = TacklingProject.Create(await planning.PlanAsync(caller, request.Details, ct), by, now);
            db.Add(project);
            db.AddRange(project.Changes);
            db.AddIntegrationEvent(ProjectMapping.Created(project, now));
            return project.Id;
        }, ct);
        return await reading.AnswerAsync(caller, await reading.FindAsync(caller, id, track: false, ct), ct);
    }
}
