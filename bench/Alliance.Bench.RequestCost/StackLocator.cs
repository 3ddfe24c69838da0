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
    /// The one place that knows how the AppHost says where things are: its state file <c>&lt;data-dir&gt;/resources.json</c>
    /// (AppHost/Supervision/StatusReporter.cs: <c>resources[]</c> with <c>name</c>, <c>state</c>, <c>endpoints[]</c> (URLs),
    /// <c>pids[]</c>; reporting's two instances are resources of their own), and for the gateway its printed line
    /// "Console (gateway): URL".
    /// </summary>
    public static Stack Locate(string dataDirectory, string appHostLog)
    {
        using var state = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dataDirectory, "resources.json")));
        var resources = state.RootElement.GetProperty("resources").EnumerateArray().ToList();
        JsonElement Resource(string name) => resources.First(r => r.GetProperty("name").GetString() == name);
        string FirstUrl(string name) => Resource(name).GetProperty("endpoints").EnumerateArray().First().GetString()!;

        var printed = GatewayLine().Match(File.ReadAllText(appHostLog));
        var gateway = new Uri(printed.Success ? printed.Groups[1].Value : FirstUrl(ResourceNames.Gateway));
        var pg = new Uri(FirstUrl(ResourceNames.Postgres)); // tcp://127.0.0.1:port; trust authentication (AppHost/ServersWithoutContainers)
        var reporting = $"Host={pg.Host};Port={pg.Port};Username=postgres;Password=postgres;Database={ResourceNames.Databases.Reporting}";

        var processes = resources
            .SelectMany(r => r.GetProperty("pids").EnumerateArray().Select(p => (Name: ShownName(r.GetProperty("name").GetString()!), Pid: p.GetInt32())))
            .ToList();
        return new Stack(gateway, reporting, processes);
    }

    /// <summary>Reporting's instances <c>reporting-0</c>, <c>reporting-1</c> as <c>reporting#0</c>, <c>reporting#1</c>.</summary>
    static string ShownName(string resource) =>
        resource.StartsWith($"{ResourceNames.Reporting}-", StringComparison.Ordinal) ? $"{ResourceNames.Reporting}#{resource[(ResourceNames.Reporting.Length + 1)..]}" : resource;

    [GeneratedRegex(@"Console \(gateway\):\s*(\S+)")]
    private static partial Regex GatewayLine();
}
