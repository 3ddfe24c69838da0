using Alliance.AppHost.Hosting;
using Alliance.Contracts;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.AppHost.Tests;

/// <summary>
/// The whole AppHost started for real (without demo data): it becomes healthy, crashed resources are started again, and
/// a stop leaves no process of ours. One test: each start costs most of a minute on a shared machine.
/// </summary>
public class StartTests
{
    static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_stack_becomes_healthy_comes_back_after_kill_9_of_redis_and_of_a_service_and_leaves_nothing_behind()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "alliance-apphost-" + Guid.NewGuid().ToString("N")[..8]);
        using var bound = new CancellationTokenSource(Bound);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Alliance_AppHost>(["--no-demo-data", "--data-dir", dataDir], bound.Token);
        var app = await builder.BuildAsync(bound.Token);
        var pids = new HashSet<int>();
        try
        {
            await app.StartAsync(bound.Token);
            await app.WaitForEverythingAsync(bound.Token);

            using (var http = new HttpClient { BaseAddress = app.Endpoint(ResourceNames.Gateway) })
                (await http.GetAsync("/health", bound.Token)).IsSuccessStatusCode.Should().BeTrue();
            var gateway = await app.ResourceNotifications.WaitForResourceAsync(ResourceNames.Gateway, e => e.Snapshot.State?.Text == KnownResourceStates.Running, bound.Token);
            var reportingAddresses = gateway.Snapshot.EnvironmentVariables
                .Where(v => v.Name.StartsWith($"services__{ResourceNames.Reporting}__http__", StringComparison.Ordinal)).Select(v => v.Value).ToList();
            reportingAddresses.Should().HaveCount(2).And.OnlyHaveUniqueItems("each reporting instance has its own port");

            foreach (var name in new[] { ResourceNames.Cache, ResourceNames.Talent })
            {
                var before = await app.ProcessIdAsync(name, bound.Token);
                pids.Add(before);
                Kill9(before);
                var back = await app.ResourceNotifications.WaitForResourceAsync(name,
                    e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                         && e.Snapshot.Properties.Any(p => p.Name == RunningApp.PidProperty && !Equals(p.Value, before)), bound.Token);
                back.Snapshot.State?.Text.Should().Be(KnownResourceStates.Running);
            }
            await app.WaitForEverythingAsync(bound.Token);

            foreach (var resource in app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ExecutableResource>())
                if (resource.Name != $"{ResourceNames.Postgres}-init") pids.Add(await app.ProcessIdAsync(resource.Name, bound.Token));
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }

        // DCP goes on stopping processes for some seconds after the AppHost is disposed.
        using var gone = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (Ours(pids, dataDir).Any() && !gone.IsCancellationRequested) await Task.Delay(200, CancellationToken.None);
        Ours(pids, dataDir).Should().BeEmpty();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    static void Kill9(int pid) => System.Diagnostics.Process.GetProcessById(pid).Kill();

    /// <summary>Processes still alive among those we saw, or working in or naming our data folder (PostgreSQL's backends).</summary>
    static List<string> Ours(IEnumerable<int> pids, string dataDir)
    {
        var alive = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (File.ReadAllText(Path.Combine(dir, "stat")).Split(' ')[2] == "Z") continue; // a zombie holds nothing
                var cwd = new FileInfo(Path.Combine(dir, "cwd")).LinkTarget ?? "";
                if (pids.Contains(pid) || cwd.StartsWith(dataDir, StringComparison.Ordinal) || cmdline.Contains(dataDir, StringComparison.Ordinal))
                    alive.Add($"{pid} {cmdline}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return alive;
    }
}
