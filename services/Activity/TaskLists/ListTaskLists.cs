using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>A page of the lists the caller sees, newest year first then by title; filtered by year, owner kind and title.</summary>
public sealed class ListTaskLists(TaskListAccess access, TimeProvider clock)
{
    public async Task<C.ListTaskListsResponse> HandleAsync(C.ListTaskListsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var (page, size) = Requests.Paging(request.Page, request.PageSize);
        var query = await access.VisibleAsync(caller, ct);
        if (request.Year != 0) query = query.Where(l => l.Year == request.Year);
        if (request.OwnerKind != C.TaskListOwnerKind.Unspecified)
        {
            var kind = (TaskListOwnerKind)(int)request.OwnerKind;
            query = query.Where(l => l.OwnerKind == kind);
        }
        if (Requests.Blank(request.Search) is { } search) query = query.Where(l => EF.Functions.ILike(l.Title, "%" + search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%"));
        var total = await query.CountAsync(ct);
        var lists = await query.OrderByDescending(l => l.Year).ThenBy(l => l.Title).ThenBy(l => l.Id).Skip((page - 1) * size).Take(size)
            .Include(l => l.Tasks).Include(l => l.Measures).AsSplitQuery().AsNoTracking().ToListAsync(ct);
        var today = GroupCalendar.DayOf(clock.GetUtcNow());
        var response = new C.ListTaskListsResponse { Total = total };
        response.Items.AddRange(lists.Select(l => l.ToSummary(today)));
        return response;
    }
}
