using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Alliance.ServiceDefaults.Telemetry;

/// <summary>
/// Traces and metrics in the usual Aspire way (OpenTelemetry.Extensions.Hosting): ASP.NET Core, HttpClient, gRPC client
/// and runtime instrumentation, with MassTransit's own source; exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is
/// set (the AppHost sets it for the dashboard). Health probes are kept out of traces. PostgreSQL's and Redis's come with
/// their Aspire client integrations (<c>AddServiceDatabase</c>, <c>AddRedisCache</c>), switched on by <see cref="IsEnabled"/> too.
/// </summary>
public static class TelemetryExtensions
{
    public const string ActivitySourceName = "Alliance";
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    /// <summary>Telemetry is collected only where it is exported: without an exporter, instrumentation would still make
    /// every span and measurement (and Redis's profiler keep every command) for nobody.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static IHostApplicationBuilder AddAllianceTelemetry(this IHostApplicationBuilder builder)
    {
        if (!IsEnabled(builder.Configuration)) return builder;

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(ActivitySourceName, "MassTransit")
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsHealthProbe(http.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ActivitySourceName, "MassTransit")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/grpc.health.v1.Health");
}
