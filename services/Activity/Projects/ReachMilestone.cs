using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>Records that a milestone of a project in progress was reached on a day (not in the future), with <c>ProjectMilestoneReached</c>.</summary>
public sealed class ReachMilestone(ActivityDbContext db, ProjectReading reading)
{
    public async Task<C.Project> HandleAsync(C.ReachMilestoneRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("projectId", request.ProjectId).Id("milestoneId", request.MilestoneId);
        var reachedOn = Days.Read(errors, "reachedOn", request.ReachedOn, required: true);
        errors.ThrowIfAny();
        return await reading.ChangeAsync(caller, Guid.Parse(request.ProjectId), request.ExpectedVersion, (project, by, now) =>
        {
            var milestone = project.ReachMilestone(Guid.Parse(request.MilestoneId), reachedOn!.Value, reading.Today, by, now);
            db.AddIntegrationEvent(ProjectMapping.MilestoneReached(project, milestone, now));
        }, context.CancellationToken);
    }
}
