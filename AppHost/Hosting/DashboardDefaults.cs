using Alliance.AppHost.ServersWithoutContainers;

namespace Alliance.AppHost.Hosting;

/// <summary>
/// The dashboard on loopback, plain HTTP, without the sign-in token (development on loopback only): its port from
/// <c>--dashboard-port</c> or a free one, and free ports for its OTLP and resource-service endpoints. Prepended as
/// arguments, so the environment may still set any of them.
/// </summary>
public static class DashboardDefaults
{
    public static string[] Apply(AppHostOptions options, string[] args) =>
    [
        .. new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{options.DashboardPort ?? FreePorts.Next()}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePorts.Next()}",
            // Required too when the transport is unsecured.
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePorts.Next()}",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
        }.Where(kv => Environment.GetEnvironmentVariable(kv.Key) is null).Select(kv => $"--{kv.Key}={kv.Value}"),
        .. args,
    ];
}
