using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.HostRotations;

/// <summary>alliance.activity.v1.HostRotationService: each rpc a use case of its own file.</summary>
public sealed class HostRotationGrpcService : C.HostRotationService.HostRotationServiceBase
{
    [PartnerAccess]
    public override Task<C.HostRotation> GetHostRotation(C.GetHostRotationRequest request, ServerCallContext context) =>
        Handler<GetHostRotation>(context).HandleAsync(request, context);

    public override Task<C.HostRotation> SetHostRotation(C.SetHostRotationRequest request, ServerCallContext context) =>
        Handler<SetHostRotation>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<HostRotationReading>();
        services.AddScoped<GetHostRotation>();
        services.AddScoped<SetHostRotation>();
    }
}
