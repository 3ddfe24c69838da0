using System.Globalization;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>
/// Reports progress on a measure (percent 0–100, a note, the day it speaks of, evidence links); the measure takes the
/// reported percent and the list's weighted roll-up follows. Publishes <c>MeasureProgressReported</c> with the new task
/// and list figures.
/// </summary>
public sealed class ReportMeasureProgress(ActivityDbContext db, TaskListChangeFlow flow, TimeProvider clock)
{
    public Task<C.TaskList> HandleAsync(C.ReportMeasureProgressRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Id("measureId", request.MeasureId).Optional("note", request.Note, Measure.MaxNoteLength);
        if (!(request.Percent >= 0 && request.Percent <= 100)) errors.Add("percent", "must be between 0 and 100.");
        var today = clock.GroupToday();
        if (!DateOnly.TryParseExact(request.ReportedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var reportedOn))
            errors.Add("reportedOn", "must be a date as yyyy-MM-dd.");
        else if (reportedOn > today) errors.Add("reportedOn", "must not be in the future.");
        if (request.EvidenceLinks.Count > Measure.MaxLinks) errors.Add("evidenceLinks", $"must be at most {Measure.MaxLinks}.");
        for (var i = 0; i < request.EvidenceLinks.Count; i++)
            if (!Uri.TryCreate(request.EvidenceLinks[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || request.EvidenceLinks[i].Length > 500)
                errors.Add($"evidenceLinks[{i}]", "must be an http(s) address of at most 500 characters.");
        return flow.ChangeAsync(context, request.ListId, 0, errors, "report-progress", request.ClientRequestId,
            (caller, list) => TaskListAccess.EnsureMayReport(caller, list,
                list.Measures.FirstOrDefault(m => m.Id == Guid.Parse(request.MeasureId)) ?? throw FieldErrors.Single("measureId", "is not a measure of this list.", StatusCode.NotFound)),
            (list, _, by, now, _) =>
            {
                var measure = list.Measures.Single(m => m.Id == Guid.Parse(request.MeasureId));
                var from = measure.Progress;
                var report = list.ReportProgress(measure.Id, Math.Round((decimal)request.Percent, 2), Requests.Blank(request.Note), reportedOn,
                    request.EvidenceLinks.Select(l => l.Trim()).ToList(), by, now);
                db.Add(report);
                return Task.FromResult<IReadOnlyList<Contracts.Events.IIntegrationEvent>>([TaskListMapping.ProgressReported(list, measure, from, report, now)]);
            });
    }
}
