using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>A measure's progress reports, newest first, for whoever sees its list.</summary>
public sealed class ListMeasureProgress(ActivityDbContext db, TaskListAccess access)
{
    public async Task<C.ListMeasureProgressResponse> HandleAsync(C.ListMeasureProgressRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("listId", request.ListId).Id("measureId", request.MeasureId).ThrowIfAny();
        var ct = context.CancellationToken;
        var list = await access.FindVisibleAsync(caller, Guid.Parse(request.ListId), track: false, ct);
        var measureId = Guid.Parse(request.MeasureId);
        if (list.Measures.All(m => m.Id != measureId)) throw FieldErrors.Single("measureId", "is not a measure of this list.", StatusCode.NotFound);
        var reports = await db.MeasureProgressReports.AsNoTracking().Where(r => r.MeasureId == measureId)
            .OrderByDescending(r => r.ReportedOn).ThenByDescending(r => r.RecordedAt).ToListAsync(ct);
        var response = new C.ListMeasureProgressResponse();
        response.Items.AddRange(reports.Select(r => r.ToContract()));
        return response;
    }
}
