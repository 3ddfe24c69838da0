using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>A project's audit log, oldest first: who created and changed it, when, and each field's old and new value.</summary>
public sealed class GetProjectHistory(ActivityDbContext db, ProjectReading reading)
{
    public async Task<C.ProjectHistory> HandleAsync(C.GetProjectHistoryRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var project = await reading.FindAsync(caller, Guid.Parse(request.Id), track: false, ct);
        var changes = await db.Set<ProjectChange>().AsNoTracking().Where(c => c.ProjectId == project.Id).OrderBy(c => c.Version).ToListAsync(ct);
        var history = new C.ProjectHistory();
        history.Changes.AddRange(changes.Select(c => c.ToFieldContract<C.ActivityChange>()));
        return history;
    }
}
