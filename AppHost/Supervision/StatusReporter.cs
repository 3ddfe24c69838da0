using System.Text.Json;
using Alliance.AppHost.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Alliance.AppHost.Supervision;

/// <summary>Marks a resource that runs once and exits (initdb, the demo-data loader): done, not down, when it exits 0.</summary>
public sealed class RunsToCompletionAnnotation : IResourceAnnotation;

/// <summary>
/// One short console line per change of a resource's state or health; <c>resources.json</c> (name, state, health, exit
/// code, endpoints, pid) rewritten on each change; and, once every resource is healthy (or done), where to go.
/// </summary>
sealed class StatusReporter(ResourceNotificationService notifications, DistributedApplicationModel model, IConfiguration configuration)
    : BackgroundService
{
    public const string StateFileKey = "Alliance:StateFile", GatewayUrlKey = "Alliance:GatewayUrl";

    public sealed record Row(string Name, string Type, string? State, string? Health, int? ExitCode, string[] Endpoints, int[] Pids, string? Unhealthy);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var file = configuration[StateFileKey];
        var dashboard = configuration.GetValue<bool>("DOTNET_DASHBOARD_DISABLED") || configuration.GetValue<bool>("ASPIRE_DASHBOARD_DISABLED")
            ? null : configuration["ASPNETCORE_URLS"]?.Split(';')[0];
        if (dashboard is not null) Console.WriteLine($"Dashboard: {dashboard}   (state file: {file})");
        var rows = new SortedDictionary<string, Row>(StringComparer.Ordinal);
        var announced = false;
        try
        {
            await foreach (var e in notifications.WatchAsync(stoppingToken))
            {
                var s = e.Snapshot; // one instance per resource: no replicas here (ADR 25)
                if (s.IsHidden || string.IsNullOrEmpty(s.State?.Text)) continue;
                var row = new Row(e.Resource.Name, s.ResourceType, s.State?.Text, s.HealthStatus?.ToString(), s.ExitCode,
                    [.. s.Urls.Where(u => !u.IsInternal).Select(u => u.Url)],
                    s.State?.Text == KnownResourceStates.Running && RunningApp.ProcessIdOf(s) is { } pid ? [pid] : [],
                    string.Join("; ", s.HealthReports.Where(r => r.Status is not null and not HealthStatus.Healthy)
                        .Select(r => $"{r.Name}: {r.Description ?? r.ExceptionText?.Split('\n')[0]}")) is { Length: > 0 } why ? why : null);
                if (rows.TryGetValue(row.Name, out var old) && old.State == row.State && old.Health == row.Health
                    && old.Endpoints.SequenceEqual(row.Endpoints)) continue;
                rows[row.Name] = row;
                var exit = row.State == KnownResourceStates.Exited || row.State == KnownResourceStates.Finished ? $" (exit {row.ExitCode})" : "";
                Console.WriteLine($"{DateTime.Now:HH:mm:ss} {row.Name,-16} {row.State}{exit}{(row.Health is null ? "" : $", {row.Health}")}");
                if (file is not null) await WriteAsync(file, rows.Values);
                if (row.State == KnownResourceStates.FailedToStart)
                    Console.WriteLine($"Not everything started: {row.Name} failed to start.{(dashboard is null ? "" : $" See {dashboard}")}");
                if (!announced && EverythingUp(rows))
                {
                    announced = true;
                    Console.WriteLine($"""

                        ==================================================================
                          Alliance is running.
                          Console (gateway): {configuration[GatewayUrlKey] ?? "(none: --servers-only)"}
                          Dashboard:         {dashboard ?? "(off)"}
                          {AllianceAppModel.SignInHint}
                          Ctrl+C stops everything.
                        ==================================================================

                        """);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    bool EverythingUp(IReadOnlyDictionary<string, Row> rows) => model.Resources
        .Where(r => r.Name != "aspire-dashboard")
        .All(r => rows.TryGetValue(r.Name, out var row) && (r.Annotations.OfType<RunsToCompletionAnnotation>().Any()
            ? row.State == KnownResourceStates.Finished && row.ExitCode == 0
            : row.State == KnownResourceStates.Running && row.Health == nameof(HealthStatus.Healthy)));

    static async Task WriteAsync(string file, IEnumerable<Row> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(new { resources = rows }, Json), CancellationToken.None);
        File.Move(temp, file, overwrite: true);
    }

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
