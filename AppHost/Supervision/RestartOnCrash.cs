using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alliance.AppHost.Supervision;

/// <summary>Marks a resource that is started again when it exits with a non-zero code.</summary>
public sealed class RestartOnCrashAnnotation : IResourceAnnotation;

public static class RestartOnCrashExtensions
{
    /// <summary>DCP never starts again an executable that died: this resource is, with back-off (1, 2, 4 … 30 s).</summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> builder) where T : IResource
    {
        builder.ApplicationBuilder.Services.AddHostedServiceFirst<CrashRestarter>();
        return builder.WithAnnotation(new RestartOnCrashAnnotation());
    }

    /// <summary>
    /// Registers a hosted service ahead of Aspire's own: the orchestrator's StartAsync does not return before every
    /// resource has passed its WaitFor, and a hosted service added the usual way would not run until then (a service that
    /// crashed while starting would then block the start for ever).
    /// </summary>
    public static void AddHostedServiceFirst<T>(this IServiceCollection services) where T : class, IHostedService
    {
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(T)))
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, T>());
    }
}

/// <summary>
/// Runs the "start" command on a resource that exited with a non-zero code while the AppHost is not stopping. A process
/// that ends is "Finished" whether it died (kill -9: 137 or -1; an unhandled .NET exception: 134) or was stopped from the
/// dashboard (0): only the exit code tells them apart, and a stop is left alone. The back-off doubles per crash and
/// starts again from 1 s after a run that lasted a minute.
/// </summary>
sealed class CrashRestarter(ResourceNotificationService notifications, ResourceCommandService commands,
    ResourceLoggerService resourceLogs, IHostApplicationLifetime lifetime, ILogger<CrashRestarter> logger) : BackgroundService
{
    static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30), StableRun = TimeSpan.FromMinutes(1);
    readonly Dictionary<string, int> _crashes = [];
    readonly HashSet<string> _pending = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in notifications.WatchAsync(stoppingToken))
            {
                if (!e.Resource.Annotations.OfType<RestartOnCrashAnnotation>().Any()) continue;
                var s = e.Snapshot;
                if (s.State?.Text != KnownResourceStates.Exited && s.State?.Text != KnownResourceStates.Finished)
                {
                    if (s.State?.Text == KnownResourceStates.Running) _pending.Remove(e.ResourceId);
                    continue;
                }
                if (s.ExitCode is null or 0 || lifetime.ApplicationStopping.IsCancellationRequested || !_pending.Add(e.ResourceId)) continue;

                var ranFor = s.StopTimeStamp - s.StartTimeStamp;
                var crashes = ranFor >= StableRun ? 0 : _crashes.GetValueOrDefault(e.ResourceId);
                _crashes[e.ResourceId] = crashes + 1;
                var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, crashes), MaxDelay.TotalSeconds));
                var message = $"{e.ResourceId} exited with code {s.ExitCode} after {ranFor?.TotalSeconds:0.0} s; starting it again in {delay.TotalSeconds:0} s (crash {crashes + 1})";
                logger.LogWarning("{Message}", message);
                resourceLogs.GetLogger(e.ResourceId).LogWarning("{Message}", message); // in the dashboard's console log
                _ = RestartAsync(e.ResourceId, delay, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    async Task RestartAsync(string resourceId, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
            if (lifetime.ApplicationStopping.IsCancellationRequested) return;
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, ct);
            if (!result.Success) logger.LogError("Could not start {Resource} again: {Error}", resourceId, result.Message);
        }
        catch (OperationCanceledException) { }
        catch (Exception ex) { logger.LogError(ex, "Could not start {Resource} again", resourceId); }
    }
}
