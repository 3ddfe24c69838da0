using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>A list with its tree of tasks and measures, the weighted roll-up, overdue flags and the subsidiaries' linked measures.</summary>
public sealed class GetTaskList(TaskListAccess access, TaskListChangeFlow flow)
{
    public async Task<C.TaskList> HandleAsync(C.GetTaskListRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var list = await access.FindVisibleAsync(caller, Guid.Parse(request.Id), track: false, context.CancellationToken);
        return await flow.AnswerAsync(caller, list, context.CancellationToken);
    }
}
