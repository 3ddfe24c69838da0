using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>A tackling project in the caller's sight, with its team, milestones (evidence, overdue flags), outcomes and links.</summary>
public sealed class GetProject(ProjectReading reading)
{
    public async Task<C.Project> HandleAsync(C.GetProjectRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var project = await reading.FindAsync(caller, Guid.Parse(request.Id), track: false, context.CancellationToken);
        return await reading.AnswerAsync(caller, project, context.CancellationToken);
    }
}
