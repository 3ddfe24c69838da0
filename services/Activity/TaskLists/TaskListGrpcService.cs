using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.TaskLists;

/// <summary>Task lists over gRPC; each call is its use case's handler. No call is open to partners (ADR 42).</summary>
public sealed class TaskListGrpcService : C.TaskListService.TaskListServiceBase
{
    public override Task<C.TaskList> CreateTaskList(C.CreateTaskListRequest request, ServerCallContext context) =>
        Handler<CreateTaskList>(context).HandleAsync(request, context);

    public override Task<C.ListTaskListsResponse> ListTaskLists(C.ListTaskListsRequest request, ServerCallContext context) =>
        Handler<ListTaskLists>(context).HandleAsync(request, context);

    public override Task<C.TaskList> GetTaskList(C.GetTaskListRequest request, ServerCallContext context) =>
        Handler<GetTaskList>(context).HandleAsync(request, context);

    public override Task<C.TaskList> AddTask(C.AddTaskRequest request, ServerCallContext context) =>
        Handler<AddTask>(context).HandleAsync(request, context);

    public override Task<C.TaskList> AddMeasure(C.AddMeasureRequest request, ServerCallContext context) =>
        Handler<AddMeasure>(context).HandleAsync(request, context);

    public override Task<C.TaskList> ReportMeasureProgress(C.ReportMeasureProgressRequest request, ServerCallContext context) =>
        Handler<ReportMeasureProgress>(context).HandleAsync(request, context);

    public override Task<C.ListMeasureProgressResponse> ListMeasureProgress(C.ListMeasureProgressRequest request, ServerCallContext context) =>
        Handler<ListMeasureProgress>(context).HandleAsync(request, context);

    public override Task<C.ListOverdueMeasuresResponse> ListOverdueMeasures(C.ListOverdueMeasuresRequest request, ServerCallContext context) =>
        Handler<ListOverdueMeasures>(context).HandleAsync(request, context);

    public override Task<C.TaskListHistory> GetTaskListHistory(C.GetTaskListHistoryRequest request, ServerCallContext context) =>
        Handler<GetTaskListHistory>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<TaskListAccess>();
        services.AddScoped<TaskListChangeFlow>();
        services.AddScoped<CreateTaskList>();
        services.AddScoped<ListTaskLists>();
        services.AddScoped<GetTaskList>();
        services.AddScoped<AddTask>();
        services.AddScoped<AddMeasure>();
        services.AddScoped<ReportMeasureProgress>();
        services.AddScoped<ListMeasureProgress>();
        services.AddScoped<ListOverdueMeasures>();
        services.AddScoped<GetTaskListHistory>();
        services.AddScoped<MeasureOverdueSweep>();
        services.AddHostedService<MeasureOverdueSweepService>();
    }
}
