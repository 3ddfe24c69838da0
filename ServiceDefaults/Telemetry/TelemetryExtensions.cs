using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Alliance.ServiceDefaults.Telemetry;

/// <summary>
/// Traces and metrics in the usual Aspire way (OpenTelemetry.Extensions.Hosting): ASP.NET Core, HttpClient, gRPC client
/// and runtime instrumentation, with Npgsql's and MassTransit's own sources; exported over OTLP only when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set (the AppHost sets it for the dashboard). Health probes are kept out of traces.
/// </summary>
public static class TelemetryExtensions
{
    public const string ActivitySourceName = "Alliance";
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    public static IHostApplicationBuilder AddAllianceTelemetry(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return builder;

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(ActivitySourceName, "MassTransit", "Npgsql")
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsHealthProbe(http.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ActivitySourceName, "MassTransit", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/grpc.health.v1.Health");
}
