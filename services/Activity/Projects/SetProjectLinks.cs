using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>
/// Sets the activities and problems that served a project, whole. Activities must exist and be of the project's alliance
/// (or, without one, of its subsidiary); problem ids are kept as given, without a foreign key (ADR 41).
/// </summary>
public sealed class SetProjectLinks(ActivityDbContext db, ProjectReading reading)
{
    public async Task<C.Project> HandleAsync(C.SetProjectLinksRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("projectId", request.ProjectId);
        for (var i = 0; i < request.ActivityIds.Count; i++) errors.Id($"activityIds[{i}]", request.ActivityIds[i]);
        for (var i = 0; i < request.ProblemIds.Count; i++) errors.Id($"problemIds[{i}]", request.ProblemIds[i]);
        if (request.ActivityIds.Count > TacklingProject.MaxLinks) errors.Add("activityIds", $"must be at most {TacklingProject.MaxLinks}.");
        if (request.ProblemIds.Count > TacklingProject.MaxLinks) errors.Add("problemIds", $"must be at most {TacklingProject.MaxLinks}.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var project = await reading.FindAsync(caller, Guid.Parse(request.ProjectId), track: false, ct);
        var activityIds = request.ActivityIds.Select(Guid.Parse).Distinct().ToList();
        var found = await db.Activities.AsNoTracking().Where(a => activityIds.Contains(a.Id))
            .Select(a => new { a.Id, a.AllianceId, a.SubsidiaryId }).ToListAsync(ct);
        for (var i = 0; i < request.ActivityIds.Count; i++)
        {
            var activity = found.FirstOrDefault(a => a.Id == Guid.Parse(request.ActivityIds[i]));
            if (activity is null || (project.AllianceId is { } alliance ? activity.AllianceId != alliance : activity.SubsidiaryId != project.SubsidiaryId))
                throw FieldErrors.Single($"activityIds[{i}]", "No activity of the project's alliance (or subsidiary) with that id.", StatusCode.NotFound);
        }
        var problemIds = request.ProblemIds.Select(Guid.Parse).ToList();
        return await reading.ChangeAsync(caller, project.Id, request.ExpectedVersion,
            (p, by, now) => p.SetLinks(activityIds, problemIds, by, now), ct);
    }
}
