using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>
/// alliance.activity.v1.ActivityService: each rpc is a use case of its own file (ScheduleActivity, ListActivities, ...),
/// resolved for the call only, so a call builds just the handler it needs.
/// </summary>
public sealed class ActivityGrpcService : C.ActivityService.ActivityServiceBase
{
    public override Task<C.Activity> ScheduleActivity(C.ScheduleActivityRequest request, ServerCallContext context) =>
        Handler<ScheduleActivity>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.Activity> GetActivity(C.GetActivityRequest request, ServerCallContext context) =>
        Handler<GetActivity>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ListActivitiesResponse> ListActivities(C.ListActivitiesRequest request, ServerCallContext context) =>
        Handler<ListActivities>(context).HandleAsync(request, context);

    public override Task<C.Activity> ReviseActivity(C.ReviseActivityRequest request, ServerCallContext context) =>
        Handler<ReviseActivity>(context).HandleAsync(request, context);

    public override Task<C.Activity> RecordActivityHeld(C.RecordActivityHeldRequest request, ServerCallContext context) =>
        Handler<RecordActivityHeld>(context).HandleAsync(request, context);

    public override Task<C.Activity> ReviseActivityOutcome(C.ReviseActivityOutcomeRequest request, ServerCallContext context) =>
        Handler<ReviseActivityOutcome>(context).HandleAsync(request, context);

    public override Task<C.Activity> CancelActivity(C.CancelActivityRequest request, ServerCallContext context) =>
        Handler<CancelActivity>(context).HandleAsync(request, context);

    public override Task<C.ActivityHistory> GetActivityHistory(C.GetActivityHistoryRequest request, ServerCallContext context) =>
        Handler<GetActivityHistory>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<ActivityAccess>();
        services.AddScoped<ActivityPlanning>();
        services.AddScoped<ActivityChangeFlow>();
        services.AddScoped<ScheduleActivity>();
        services.AddScoped<GetActivity>();
        services.AddScoped<ListActivities>();
        services.AddScoped<ReviseActivity>();
        services.AddScoped<RecordActivityHeld>();
        services.AddScoped<ReviseActivityOutcome>();
        services.AddScoped<CancelActivity>();
        services.AddScoped<GetActivityHistory>();
    }
}
