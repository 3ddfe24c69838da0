using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>
/// The supervision board's overdue measures (ADR 42): a page of the measures past due and below 100 % in the lists the
/// caller sees, longest overdue first; optionally of one alliance's lists.
/// </summary>
public sealed class ListOverdueMeasures(ActivityDbContext db, TaskListAccess access, TimeProvider clock)
{
    public async Task<C.ListOverdueMeasuresResponse> HandleAsync(C.ListOverdueMeasuresRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("allianceId", request.AllianceId, required: false).ThrowIfAny();
        var ct = context.CancellationToken;
        var (page, size) = Requests.Paging(request.Page, request.PageSize);
        var today = clock.GroupToday();
        var lists = await access.VisibleAsync(caller, ct);
        if (request.AllianceId.Length > 0)
        {
            var alliance = Guid.Parse(request.AllianceId);
            lists = lists.Where(l => l.AllianceId == alliance);
        }
        var query = from m in db.TaskListMeasures.AsNoTracking()
                    join l in lists on m.TaskListId equals l.Id
                    join t in db.Set<ListTask>() on m.TaskId equals t.Id
                    where m.DueOn < today && m.Progress < 100
                    select new { m, ListTitle = l.Title, TaskTitle = t.Title, l.AllianceId, l.SubsidiaryId };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(r => r.m.DueOn).ThenBy(r => r.m.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var response = new C.ListOverdueMeasuresResponse { Total = total };
        response.Items.AddRange(rows.Select(r => new C.OverdueMeasure
        {
            ListId = r.m.TaskListId.ToString(), ListTitle = r.ListTitle, TaskTitle = r.TaskTitle, MeasureId = r.m.Id.ToString(), Title = r.m.Title,
            ResponsibleName = r.m.ResponsibleName, SupervisingName = r.m.SupervisingName, DueOn = TaskListMapping.Day(r.m.DueOn),
            Progress = (double)r.m.Progress, AllianceId = r.AllianceId?.ToString() ?? "", SubsidiaryId = r.SubsidiaryId?.ToString() ?? "",
        }));
        return response;
    }
}
