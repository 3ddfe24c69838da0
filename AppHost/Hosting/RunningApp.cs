using Alliance.AppHost.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.AppHost.Hosting;

/// <summary>What tests and benches ask of a started AppHost (Aspire.Hosting.Testing).</summary>
public static class RunningApp
{
    /// <summary>The snapshot property holding an executable's process id (Aspire's KnownProperties, internal).</summary>
    public const string PidProperty = "executable.pid";

    /// <summary>Waits until every resource is healthy, and every run-to-completion one has exited 0; the exception
    /// names those that were not.</summary>
    public static async Task WaitForEverythingAsync(this DistributedApplication app, CancellationToken ct)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var pending = new HashSet<string>();
        async Task Wait(IResource resource)
        {
            lock (pending) pending.Add(resource.Name);
            if (resource.Annotations.OfType<RunsToCompletionAnnotation>().Any())
                await notifications.WaitForResourceAsync(resource.Name, e => e.Snapshot.State?.Text == KnownResourceStates.Finished && e.Snapshot.ExitCode == 0, ct);
            else
                await notifications.WaitForResourceHealthyAsync(resource.Name, ct);
            lock (pending) pending.Remove(resource.Name);
        }
        var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Where(r => r.Name != "aspire-dashboard");
        try
        {
            await Task.WhenAll(resources.Select(Wait));
        }
        catch (OperationCanceledException e)
        {
            lock (pending) throw new TimeoutException($"Not healthy in time: {string.Join(", ", pending.Order())}.", e);
        }
    }

    /// <summary>The process id of a running resource (from its snapshot).</summary>
    public static async Task<int> ProcessIdAsync(this DistributedApplication app, string resourceName, CancellationToken ct)
    {
        var e = await app.Services.GetRequiredService<ResourceNotificationService>()
            .WaitForResourceAsync(resourceName, e => e.Snapshot.State?.Text == KnownResourceStates.Running && ProcessIdOf(e.Snapshot) is not null, ct);
        return ProcessIdOf(e.Snapshot)!.Value;
    }

    /// <summary>The process id in a snapshot, when it has one.</summary>
    public static int? ProcessIdOf(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == RunningApp.PidProperty)?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, out var pid) => pid,
            _ => null,
        };

    /// <summary>An endpoint's URL (the resource's "http" endpoint unless named).</summary>
    public static Uri Endpoint(this DistributedApplication app, string resourceName, string endpointName = "http") =>
        new(app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<IResourceWithEndpoints>()
            .Single(r => r.Name == resourceName).GetEndpoint(endpointName).Url);
}
