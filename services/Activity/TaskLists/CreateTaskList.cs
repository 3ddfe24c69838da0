using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>
/// Creates a yearly task list for the group, a subsidiary or an alliance (the alliance asked of the organization service
/// as the caller, for its lead subsidiary); with its first audit entry, the client request id and <c>TaskListCreated</c>
/// in one SaveChanges.
/// </summary>
public sealed class CreateTaskList(ActivityDbContext db, IOrganizationDirectory directory, TaskListChangeFlow flow, TimeProvider clock)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public async Task<C.TaskList> HandleAsync(C.CreateTaskListRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Required("title", request.Title, TaskList.MaxTitleLength);
        if (request.Year is < MinYear or > MaxYear) errors.Add("year", $"must be between {MinYear} and {MaxYear}.");
        var kind = request.OwnerKind switch
        {
            C.TaskListOwnerKind.Group => TaskListOwnerKind.Group,
            C.TaskListOwnerKind.Subsidiary => TaskListOwnerKind.Subsidiary,
            C.TaskListOwnerKind.Alliance => TaskListOwnerKind.Alliance,
            _ => (TaskListOwnerKind?)null,
        };
        if (kind is null) errors.Add("ownerKind", "must be group, subsidiary or alliance.");
        if (kind == TaskListOwnerKind.Subsidiary) errors.Id("subsidiaryId", request.SubsidiaryId);
        else if (request.SubsidiaryId.Length > 0) errors.Add("subsidiaryId", "is only taken for a subsidiary's list.");
        if (kind == TaskListOwnerKind.Alliance) errors.Id("allianceId", request.AllianceId);
        else if (request.AllianceId.Length > 0) errors.Add("allianceId", "is only taken for an alliance's list.");
        errors.ThrowIfAny();
        caller.EnsureMayPlan("create a task list");
        var ct = context.CancellationToken;
        Guid? subsidiary = kind == TaskListOwnerKind.Subsidiary ? Guid.Parse(request.SubsidiaryId) : null;
        Guid? allianceId = null, lead = null;
        if (kind == TaskListOwnerKind.Alliance)
        {
            var alliance = await directory.FindAllianceAsync(caller, Guid.Parse(request.AllianceId), ct)
                ?? throw FieldErrors.Single("allianceId", "is no alliance you see.", StatusCode.NotFound);
            (allianceId, lead) = (alliance.Id, alliance.LeadSubsidiaryId);
        }
        TaskListAccess.EnsureMayCreate(caller, kind!.Value, subsidiary, lead);
        if (subsidiary is { } s && caller.IsGroupAdmin && !(await directory.SubsidiariesAsync(caller, ct)).Contains(s))
            throw FieldErrors.Single("subsidiaryId", "is no subsidiary of the group.", StatusCode.NotFound);

        var requestKey = ClientRequests.KeyFor("create-task-list", caller.TenantId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await LoadAsync(caller, earlier, ct);
        var now = clock.GetUtcNow().ToUniversalTime();
        var list = TaskList.Create(request.Title, request.Year, kind.Value, subsidiary, allianceId, lead, new Actor(caller.UserId ?? "unknown", caller.Role), now);
        db.Add(list);
        db.AddRange(list.Changes);
        db.RememberClientRequest(requestKey, list.Id, now);
        db.AddIntegrationEvent(TaskListMapping.Created(list, now));
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner) return await LoadAsync(caller, winner, ct);
        return await flow.AnswerAsync(caller, list, ct);
    }

    async Task<C.TaskList> LoadAsync(CallerScope caller, Guid id, CancellationToken ct) =>
        await flow.AnswerAsync(caller, await db.TaskLists.Include(l => l.Tasks).Include(l => l.Measures).AsNoTracking().SingleAsync(l => l.Id == id, ct), ct);
}
