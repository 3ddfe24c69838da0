using System.Globalization;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>Plans a milestone of an open project (a title and a planned day), audited.</summary>
public sealed class AddMilestone(ActivityDbContext db, ProjectReading reading)
{
    public async Task<C.Project> HandleAsync(C.AddMilestoneRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("projectId", request.ProjectId).Required("title", request.Title, ProjectMilestone.MaxTitleLength);
        var plannedOn = Days.Read(errors, "plannedOn", request.PlannedOn, required: true);
        errors.ThrowIfAny();
        return await reading.ChangeAsync(caller, Guid.Parse(request.ProjectId), request.ExpectedVersion, (project, by, now) =>
        {
            var milestone = project.AddMilestone(request.Title, plannedOn!.Value, by, now);
            db.Add(milestone);
        }, context.CancellationToken);
    }
}

/// <summary>Calendar days as the contracts write them (yyyy-MM-dd).</summary>
internal static class Days
{
    public static DateOnly? Read(FieldErrors errors, string field, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors.Add(field, "is required.");
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors.Add(field, "must be a date as yyyy-MM-dd.");
        return null;
    }
}
