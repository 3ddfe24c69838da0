using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>Revises an open project's details whole, at the version last read; what changed goes to its audit log; a revision that changes nothing writes nothing.</summary>
public sealed class ReviseProject(ProjectReading reading, ProjectPlanning planning)
{
    public async Task<C.Project> HandleAsync(C.ReviseProjectRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        await reading.FindAsync(caller, Guid.Parse(request.Id), track: false, ct);
        var plan = await planning.PlanAsync(caller, request.Details, ct);
        return await reading.ChangeAsync(caller, Guid.Parse(request.Id), request.ExpectedVersion, (project, by, now) => project.Revise(plan, by, now), ct);
    }
}
