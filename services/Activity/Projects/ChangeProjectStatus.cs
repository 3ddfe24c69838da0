using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>Moves a project along its statuses (<see cref="ProjectStatus"/>), audited with the reason, with <c>ProjectStatusChanged</c>.</summary>
public sealed class ChangeProjectStatus(ActivityDbContext db, ProjectReading reading)
{
    public const int MaxReasonLength = 500;

    public async Task<C.Project> HandleAsync(C.ChangeProjectStatusRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id).Optional("reason", request.Reason, MaxReasonLength);
        if (!ProjectStatus.All.Contains(request.Status)) errors.Add("status", $"must be one of: {string.Join(", ", ProjectStatus.All)}.");
        if (request.Status is ProjectStatus.Suspended or ProjectStatus.Cancelled && string.IsNullOrWhiteSpace(request.Reason))
            errors.Add("reason", "is required to suspend or cancel a project.");
        errors.ThrowIfAny();
        return await reading.ChangeAsync(caller, Guid.Parse(request.Id), request.ExpectedVersion, (project, by, now) =>
        {
            var from = project.Status;
            var reason = Common.Requests.Blank(request.Reason);
            project.ChangeStatus(request.Status, reason, by, now);
            db.AddIntegrationEvent(ProjectMapping.StatusChanged(project, from, reason, now));
        }, context.CancellationToken);
    }
}
