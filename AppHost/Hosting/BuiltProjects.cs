using System.Reflection;
using Alliance.AppHost.ServersWithoutContainers;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.AppHost.Hosting;

/// <summary>How Alliance's projects run under the AppHost.</summary>
public static class BuiltProjects
{
    /// <summary>
    /// A project run from its build output as <c>dotnet X.dll</c> (an executable resource) on a loopback port of its own.
    /// DCP runs a project resource as <c>dotnet run --project X --no-build</c>: a second .NET process of ~80 MB per
    /// instance, for nothing here (run.sh and the tests build first). Telemetry goes to the dashboard as for projects.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddBuiltProject<TProject>(this IDistributedApplicationBuilder builder,
        string name, int? port, string environmentName) where TProject : IProjectMetadata, new()
    {
        var projectPath = new TProject().ProjectPath;
        var directory = Path.GetDirectoryName(projectPath)!;
        var dll = Path.Combine(directory, "bin", BuildConfiguration, "net10.0", Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        var project = builder.AddExecutable(name, DotnetHost, directory, dll)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environmentName)
            .WithEnvironment("DOTNET_ENVIRONMENT", environmentName)
            .WithOtlpExporter()
            .WithQuickTelemetryShutdown();
        if (port is { } p)
        {
            project.WithHttpEndpoint(port: p, targetPort: p, isProxied: false)
                .WithEnvironment("ASPNETCORE_URLS", "http://localhost:" + p);
        }
        return project;
    }

    /// <summary>
    /// Aspire turns on the OTLP exporter's in-memory retry. At shutdown the dashboard goes first, and each project's last
    /// export then retried until the default 10 s deadline: every project took ~10 s to exit. One second is plenty on loopback.
    /// </summary>
    public static IResourceBuilder<T> WithQuickTelemetryShutdown<T>(this IResourceBuilder<T> builder) where T : IResourceWithEnvironment =>
        builder.WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000");

    /// <summary>grpc.health.v1 through the resource's "http" endpoint (the services' ports speak HTTP/2 only).</summary>
    public static IResourceBuilder<T> WithGrpcHealthCheck<T>(this IResourceBuilder<T> builder) where T : IResourceWithEndpoints
    {
        var endpoint = builder.GetEndpoint("http");
        var name = $"{builder.Resource.Name}-grpc";
        builder.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(name, ct => Probes.GrpcAsync(() => endpoint.Url, ct));
        return builder.WithHealthCheck(name);
    }

    /// <summary>The AppHost's own build configuration: the projects are run from the same one.</summary>
    static string BuildConfiguration =>
        typeof(BuiltProjects).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
