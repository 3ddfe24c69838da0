using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>A list's audit log, oldest first: who created it, added tasks and measures, reported progress, when.</summary>
public sealed class GetTaskListHistory(ActivityDbContext db, TaskListAccess access)
{
    public async Task<C.TaskListHistory> HandleAsync(C.GetTaskListHistoryRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var list = await access.FindVisibleAsync(caller, Guid.Parse(request.Id), track: false, ct);
        var entries = await db.TaskListChanges.AsNoTracking().Where(c => c.TaskListId == list.Id).OrderBy(c => c.Version).ToListAsync(ct);
        var history = new C.TaskListHistory();
        history.Changes.AddRange(entries.Select(e => e.ToFieldContract<C.TaskListChange>()));
        return history;
    }
}
