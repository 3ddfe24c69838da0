using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>Adds a task to a list, with an explicit weight or none (then it weighs the sum of its measures' weights).</summary>
public sealed class AddTask(TaskListChangeFlow flow)
{
    public const double MaxWeight = 1_000_000;

    public Task<C.TaskList> HandleAsync(C.AddTaskRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Required("title", request.Title, TaskList.MaxTitleLength);
        if (request.HasWeight && !(request.Weight > 0 && request.Weight <= MaxWeight)) errors.Add("weight", $"must be greater than 0 and at most {MaxWeight}.");
        return flow.ChangeAsync(context, request.ListId, request.ExpectedVersion, errors, "add-task", request.ClientRequestId, TaskListAccess.EnsureMayChange,
            (list, _, by, now, _) =>
            {
                list.AddTask(request.Title, request.HasWeight ? Math.Round((decimal)request.Weight, 2) : null, by, now);
                return Task.FromResult<IReadOnlyList<IIntegrationEvent>>([]);
            });
    }
}
