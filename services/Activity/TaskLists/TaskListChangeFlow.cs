using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Alliance.Contracts.Events;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>
/// The steps every change of a task list shares: check the request, load the list in the caller's sight, check who may
/// act and the version, repeat the answer of an earlier request with the same client request id, apply the change, and
/// save it with its audit entries, its events and the client request id in one transaction. A broken rule writes nothing.
/// </summary>
public sealed class TaskListChangeFlow(ActivityDbContext db, TaskListAccess access, TimeProvider clock)
{
    /// <summary>A change: applies itself to the list and answers the integration events it publishes.</summary>
    public delegate Task<IReadOnlyList<IIntegrationEvent>> Change(TaskList list, CallerScope caller, Actor by, DateTimeOffset now, CancellationToken ct);

    public async Task<C.TaskList> ChangeAsync(ServerCallContext context, string listId, long expectedVersion, FieldErrors errors, string operation,
        string? clientRequestId, Action<CallerScope, TaskList> authorize, Change change)
    {
        var caller = CallerScope.From(context);
        errors.Id("listId", listId).ThrowIfAny();
        var ct = context.CancellationToken;
        var requestKey = ClientRequests.KeyFor(operation, Guid.Parse(listId), clientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is not null)
            return await AnswerAsync(caller, await access.FindVisibleAsync(caller, Guid.Parse(listId), track: false, ct), ct);
        var list = await access.FindVisibleAsync(caller, Guid.Parse(listId), track: true, ct);
        authorize(caller, list);
        Requests.EnsureExpectedVersion(expectedVersion, list.Version, "task list");
        var now = clock.GetUtcNow().ToUniversalTime();
        IReadOnlyList<IIntegrationEvent> events;
        try
        {
            events = await change(list, caller, new Actor(caller.UserId ?? "unknown", caller.Role), now, ct);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        db.AddRange(list.Changes);
        foreach (var e in events) db.AddIntegrationEvent(e);
        db.RememberClientRequest(requestKey, list.Id, now);
        try
        {
            if (await db.SaveCreateAsync(requestKey, ct) is not null)
                return await AnswerAsync(caller, await access.FindVisibleAsync(caller, list.Id, track: false, ct), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale("task list");
        }
        return await AnswerAsync(caller, list, ct);
    }

    /// <summary>The list as the caller sees it, with the subsidiaries' measures that serve its measures.</summary>
    public async Task<C.TaskList> AnswerAsync(CallerScope caller, TaskList list, CancellationToken ct)
    {
        var today = GroupCalendar.DayOf(clock.GetUtcNow());
        ILookup<Guid, C.LinkedMeasure>? linked = null;
        if (list.OwnerKind == TaskListOwnerKind.Group)
        {
            var ids = list.Measures.Select(m => m.Id).ToArray();
            var visible = await access.VisibleAsync(caller, ct);
            var rows = await (from m in db.TaskListMeasures.AsNoTracking()
                              join l in visible on m.TaskListId equals l.Id
                              where m.LinksToMeasureId != null && ids.Contains(m.LinksToMeasureId.Value)
                              orderby l.Title, m.Ordinal
                              select new { m.LinksToMeasureId, m.Id, ListId = l.Id, ListTitle = l.Title, l.SubsidiaryId, m.Title, m.Progress, m.DueOn })
                .ToListAsync(ct);
            linked = rows.ToLookup(r => r.LinksToMeasureId!.Value, r => new C.LinkedMeasure
            {
                MeasureId = r.Id.ToString(), ListId = r.ListId.ToString(), ListTitle = r.ListTitle, SubsidiaryId = r.SubsidiaryId?.ToString() ?? "",
                Title = r.Title, Progress = (double)r.Progress, Overdue = WeightedRollUp.IsOverdue(r.DueOn, r.Progress, today),
            });
        }
        return list.ToContract(TaskListAccess.MayChange(caller, list), today, linked);
    }
}
