using System.Text.Json;

namespace Alliance.AppHost.Hosting;

/// <summary>
/// Keeps <c>.alliance/resources.json</c> current: rewritten atomically (write aside, then rename) on every state change,
/// so scripts can find the gateway. Shape: <c>{ appHostPid, dashboardUrl, updatedAt, resources: [ResourceSnapshot] }</c>.
/// </summary>
internal sealed class StateFileWriter(string path)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    readonly object _gate = new();

    public string Path { get; } = path;

    public void Write(DistributedApplication app)
    {
        lock (_gate)
        {
            var document = new StateDocument(Environment.ProcessId, app.DashboardUrl?.ToString().TrimEnd('/'), DateTimeOffset.UtcNow, app.GetResourceStates());
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                var temporary = $"{Path}.{Environment.ProcessId}.tmp";
                File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(document, Json));
                File.Move(temporary, Path, overwrite: true);
            }
            catch (IOException e) { app.LogWriter.WriteLine($"[apphost] could not write {Path}: {e.Message}"); }
        }
    }

    internal sealed record StateDocument(int AppHostPid, string? DashboardUrl, DateTimeOffset UpdatedAt, IReadOnlyList<ResourceSnapshot> Resources);
}
