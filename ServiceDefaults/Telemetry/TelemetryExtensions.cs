using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Alliance.ServiceDefaults.Telemetry;

/// <summary>
/// Traces and metrics from the framework's own sources, exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// OpenTelemetry.Extensions.Hosting and the instrumentation packages are not served here (docs/adr/0005), so the
/// providers are built with the SDK and owned by the container.
/// </summary>
public static class TelemetryExtensions
{
    public const string ActivitySourceName = "Alliance";
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    static readonly string[] Sources = [ActivitySourceName, "Microsoft.AspNetCore", "System.Net.Http", "MassTransit", "Npgsql"];
    static readonly string[] Meters = [ActivitySourceName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http", "System.Runtime", "MassTransit", "Npgsql"];

    public static IHostApplicationBuilder AddAllianceTelemetry(this IHostApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint)) return builder;

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        builder.Services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .AddOtlpExporter()
            .Build());
        builder.Services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter()
            .Build());
        builder.Services.AddHostedService<TelemetryStarter>();
        return builder;
    }

    /// <summary>Resolves the providers at start so they listen from the first request, and disposes them at stop.</summary>
    sealed class TelemetryStarter(TracerProvider tracer, MeterProvider meter) : IHostedService
    {
        public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StopAsync(CancellationToken ct)
        {
            tracer.ForceFlush(2000);
            meter.ForceFlush(2000);
            return Task.CompletedTask;
        }
    }
}
