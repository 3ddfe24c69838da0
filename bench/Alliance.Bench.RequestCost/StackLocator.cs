using System.Text.Json;
using System.Text.RegularExpressions;
using Alliance.Contracts;

namespace Alliance.Bench.RequestCost;

/// <summary>What the bench needs to know about the running system.</summary>
/// <param name="Gateway">The gateway's base address.</param>
/// <param name="ReportingDatabase">A connection string to reporting's database (the SCIM drain watches its people rows).</param>
/// <param name="Processes">Each resource's processes by name (a replica as <c>name#index</c>), for the per-process split.</param>
sealed record Stack(Uri Gateway, string ReportingDatabase, IReadOnlyList<(string Name, int Pid)> Processes);

static partial class StackLocator
{
    /// <summary>
    /// The one place that knows how the AppHost says where things are: today its state file
    /// <c>&lt;data-dir&gt;/resources.json</c> (AppHost/Hosting/StateFileWriter.cs: <c>resources[]</c> with <c>name</c>,
    /// <c>state</c>, <c>endpoints[] { name, replica, url }</c>, <c>pids[]</c>, <c>replicas[] { index, pid }</c>), and for the
    /// gateway its printed line "Console (gateway): URL". When the AppHost moves onto .NET Aspire, only this changes.
    /// </summary>
    public static Stack Locate(string dataDirectory, string appHostLog)
    {
        using var state = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dataDirectory, "resources.json")));
        var resources = state.RootElement.GetProperty("resources").EnumerateArray().ToList();
        JsonElement Resource(string name) => resources.First(r => r.GetProperty("name").GetString() == name);
        string FirstUrl(string name) => Resource(name).GetProperty("endpoints").EnumerateArray().First().GetProperty("url").GetString()!;

        var printed = GatewayLine().Match(File.ReadAllText(appHostLog));
        var gateway = new Uri(printed.Success ? printed.Groups[1].Value : FirstUrl(ResourceNames.Gateway));
        var pg = new Uri(FirstUrl(ResourceNames.Postgres)); // tcp://127.0.0.1:port; trust authentication (AppHost/Infrastructure/PostgresServer.cs)
        var reporting = $"Host={pg.Host};Port={pg.Port};Username=postgres;Password=postgres;Database={ResourceNames.Databases.Reporting}";

        var processes = new List<(string, int)>();
        foreach (var r in resources)
        {
            var name = r.GetProperty("name").GetString()!;
            var replicas = r.GetProperty("replicas").EnumerateArray().ToList();
            if (replicas.Count > 1)
                processes.AddRange(replicas.Where(x => x.GetProperty("pid").ValueKind == JsonValueKind.Number)
                    .Select(x => ($"{name}#{x.GetProperty("index").GetInt32()}", x.GetProperty("pid").GetInt32())));
            else
                processes.AddRange(r.GetProperty("pids").EnumerateArray().Select(p => (name, p.GetInt32())));
        }
        return new Stack(gateway, reporting, processes);
    }

    [GeneratedRegex(@"Console \(gateway\):\s*(\S+)")]
    private static partial Regex GatewayLine();
}
