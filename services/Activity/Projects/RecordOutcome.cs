using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>Records a typed outcome measure of a project (a value in a fixed unit, with a baseline and a target where they apply), with <c>ProjectOutcomeRecorded</c>.</summary>
public sealed class RecordOutcome(ActivityDbContext db, ProjectReading reading)
{
    public async Task<C.Project> HandleAsync(C.RecordOutcomeRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("projectId", request.ProjectId).Required("label", request.Label, ProjectOutcome.MaxLabelLength);
        if (!MeasureUnits.IsKnown(request.Unit)) errors.Add("unit", $"must be one of: {string.Join(", ", MeasureUnits.All.Select(u => u.Code))}.");
        var value = Number(errors, "value", request.Value, required: true);
        var baseline = Number(errors, "baseline", request.Baseline, required: false);
        var target = Number(errors, "target", request.Target, required: false);
        var recordedOn = Days.Read(errors, "recordedOn", request.RecordedOn, required: false);
        errors.ThrowIfAny();
        return await reading.ChangeAsync(caller, Guid.Parse(request.ProjectId), request.ExpectedVersion, (project, by, now) =>
        {
            var outcome = project.RecordOutcome(request.Label, request.Unit, value!.Value, baseline, target, recordedOn ?? reading.Today, reading.Today, by, now);
            db.Add(outcome);
            db.AddIntegrationEvent(ProjectMapping.OutcomeRecorded(project, outcome, now));
        }, context.CancellationToken);
    }

    static decimal? Number(FieldErrors errors, string field, string text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors.Add(field, "is required.");
            return null;
        }
        if (MeasureUnits.TryParse(text, out var value)) return value;
        errors.Add(field, "must be a number (invariant, e.g. 1200000 or 12.5).");
        return null;
    }
}
