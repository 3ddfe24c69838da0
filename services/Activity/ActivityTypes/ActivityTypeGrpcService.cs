using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.ActivityTypes;

/// <summary>alliance.activity.v1.ActivityTypeService: each rpc a use case of its own file.</summary>
public sealed class ActivityTypeGrpcService : C.ActivityTypeService.ActivityTypeServiceBase
{
    [PartnerAccess]
    public override Task<C.ListActivityTypesResponse> ListActivityTypes(C.ListActivityTypesRequest request, ServerCallContext context) =>
        Handler<ListActivityTypes>(context).HandleAsync(request, context);

    public override Task<C.ActivityType> CreateActivityType(C.CreateActivityTypeRequest request, ServerCallContext context) =>
        Handler<CreateActivityType>(context).HandleAsync(request, context);

    public override Task<C.ActivityType> ReviseActivityType(C.ReviseActivityTypeRequest request, ServerCallContext context) =>
        Handler<ReviseActivityType>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<ListActivityTypes>();
        services.AddScoped<CreateActivityType>();
        services.AddScoped<ReviseActivityType>();
    }
}
