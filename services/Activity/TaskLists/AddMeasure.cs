using System.Globalization;
using Alliance.Activity.Data;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>
/// Adds a measure to a task: the responsible and supervising departments are organizations of the group, asked of the
/// organization service as the caller (active ones only); a subsidiary's measure may serve a measure of a group list of
/// the same year (its subordinate plan). Publishes <c>MeasureAdded</c>.
/// </summary>
public sealed class AddMeasure(ActivityDbContext db, TaskListChangeFlow flow, IOrganizationDirectory directory)
{
    public const double MaxWeight = 1_000_000;

    public Task<C.TaskList> HandleAsync(C.AddMeasureRequest request, ServerCallContext context)
    {
        var errors = Validate(request);
        return flow.ChangeAsync(context, request.ListId, request.ExpectedVersion, errors, "add-measure", request.ClientRequestId, TaskListAccess.EnsureMayChange,
            async (list, caller, by, now, ct) =>
            {
                var d = request.Details;
                var responsible = await DepartmentAsync(caller, d.ResponsibleOrganizationId, "details.responsibleOrganizationId", ct);
                var supervising = await DepartmentAsync(caller, d.SupervisingOrganizationId, "details.supervisingOrganizationId", ct);
                Guid? serves = d.LinksToMeasureId.Length > 0 ? Guid.Parse(d.LinksToMeasureId) : null;
                if (serves is { } target)
                {
                    var year = await db.TaskListMeasures.Where(m => m.Id == target)
                        .Join(db.TaskLists.Where(l => l.OwnerKind == TaskListOwnerKind.Group), m => m.TaskListId, l => l.Id, (m, l) => (int?)l.Year)
                        .SingleOrDefaultAsync(ct);
                    if (year is null) throw FieldErrors.Single("details.linksToMeasureId", "is no measure of a group task list.", StatusCode.NotFound);
                    if (year != list.Year) throw FieldErrors.Single("details.linksToMeasureId", "must be a measure of the group's list of the same year.", StatusCode.FailedPrecondition);
                }
                var plan = new MeasurePlan(d.Title, responsible, supervising, Math.Round((decimal)d.Weight, 2), d.TargetText,
                    d.HasTargetValue ? (decimal)d.TargetValue : null, Requests.Blank(d.TargetUnit),
                    DateOnly.ParseExact(d.DueOn, "yyyy-MM-dd", CultureInfo.InvariantCulture), serves);
                var measure = list.AddMeasure(Guid.Parse(request.TaskId), plan, by, now);
                db.Add(measure);
                return [TaskListMapping.Added(list, measure, now)];
            });
    }

    async Task<Department> DepartmentAsync(CallerScope caller, string id, string field, CancellationToken ct)
    {
        var organization = await directory.FindOrganizationAsync(caller, Guid.Parse(id), ct)
            ?? throw FieldErrors.Single(field, "is no organization of the group you see.", StatusCode.NotFound);
        if (!organization.Active) throw FieldErrors.Single(field, "is no longer active.", StatusCode.FailedPrecondition);
        return new Department(organization.Id, organization.SubsidiaryId, organization.Name);
    }

    static FieldErrors Validate(C.AddMeasureRequest request)
    {
        var errors = new FieldErrors().Id("taskId", request.TaskId);
        var d = request.Details;
        if (d is null) return errors.Add("details", "is required.");
        errors.Required("details.title", d.Title, TaskList.MaxTitleLength)
            .Id("details.responsibleOrganizationId", d.ResponsibleOrganizationId)
            .Id("details.supervisingOrganizationId", d.SupervisingOrganizationId)
            .Required("details.targetText", d.TargetText, Measure.MaxTargetLength)
            .Optional("details.targetUnit", d.TargetUnit, Measure.MaxUnitLength)
            .Id("details.linksToMeasureId", d.LinksToMeasureId, required: false);
        if (!(d.Weight > 0 && d.Weight <= MaxWeight)) errors.Add("details.weight", $"must be greater than 0 and at most {MaxWeight}.");
        if (d.HasTargetValue && (double.IsNaN(d.TargetValue) || double.IsInfinity(d.TargetValue) || Math.Abs(d.TargetValue) >= 1e14))
            errors.Add("details.targetValue", "must be a finite number.");
        if (d.HasTargetValue && string.IsNullOrWhiteSpace(d.TargetUnit)) errors.Add("details.targetUnit", "is required with a target value.");
        if (!DateOnly.TryParseExact(d.DueOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors.Add("details.dueOn", "must be a date as yyyy-MM-dd.");
        return errors;
    }
}
