using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Alliance.ServiceDefaults.Grpc.Health;

/// <summary>
/// grpc.health.v1.Health/Check over ASP.NET's health checks: SERVING when the overall report is Healthy, NOT_SERVING
/// otherwise. A mapped service's name gets the overall answer; any other name is NOT_FOUND.
/// </summary>
public sealed class GrpcHealthService(HealthCheckService healthChecks, IServiceProvider services)
{
    public async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (request.Service.Length > 0 && !IsMapped(request.Service))
        {
            throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
        }
        var report = await healthChecks.CheckHealthAsync(context.CancellationToken);
        return new HealthCheckResponse
        {
            Status = report.Status == HealthStatus.Healthy
                ? HealthCheckResponse.Types.ServingStatus.Serving
                : HealthCheckResponse.Types.ServingStatus.NotServing,
        };
    }

    private bool IsMapped(string service) =>
        services.GetService(typeof(GrpcServiceRegistry)) is GrpcServiceRegistry registry && registry.IsMapped(service);
}
