using System.Globalization;

namespace Alliance.AppHost.Hosting;

/// <summary>The AppHost's own options, from its command line (<see cref="Parse"/>) or set by tests.</summary>
public sealed class AppHostOptions
{
    /// <summary><c>--gateway-port N</c>: a fixed port for the gateway; otherwise a free one.</summary>
    public int? GatewayPort { get; set; }

    /// <summary><c>--dashboard-port N</c>: the dashboard's port; otherwise a free one.</summary>
    public int? DashboardPort { get; set; }

    /// <summary><c>--no-demo-data</c> turns this off; handed to every project as <c>DemoData__Enabled</c>.</summary>
    public bool DemoData { get; set; } = true;

    /// <summary><c>--data-dir PATH</c>: where servers keep their data; default <c>.alliance/data</c> at the repository root.</summary>
    public string? DataDirectory { get; set; }

    /// <summary><c>--environment NAME</c>: ASPNETCORE_ENVIRONMENT and DOTNET_ENVIRONMENT of every child.</summary>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Only these resources and what they need (references, waits, parents); null = all.</summary>
    public IReadOnlyCollection<string>? Resources { get; set; }

    /// <summary>Serve the dashboard page and <c>GET /resources</c>.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Where the resource states are kept current; default <c>.alliance/resources.json</c> at the repository root
    /// when the data directory is the default one, else <c>resources.json</c> inside the data directory.</summary>
    public string? StateFile { get; set; }

    /// <summary>Kill everything this app started when the process exits (tests: a forgotten dispose leaves nothing running).</summary>
    public bool KillOnProcessExit { get; set; }

    /// <summary>Delete the data directory after stopping (throw-away data in tests).</summary>
    public bool DeleteDataOnStop { get; set; }

    /// <summary>Where children's prefixed log lines go; default the console. <see cref="TextWriter.Null"/> keeps them only in memory.</summary>
    public TextWriter? LogWriter { get; set; }

    /// <summary>The build configuration whose output projects are run from; default the AppHost's own.</summary>
    public string? BuildConfiguration { get; set; }

    public static AppHostOptions Parse(IReadOnlyList<string> args)
    {
        var options = new AppHostOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (key, inlineValue) = Split(args[i]);
            string Value()
            {
                if (inlineValue is not null) return inlineValue;
                if (i + 1 >= args.Count) throw new ArgumentException($"{key} needs a value.");
                return args[++i];
            }
            switch (key)
            {
                case "--gateway-port": options.GatewayPort = Port(key, Value()); break;
                case "--dashboard-port": options.DashboardPort = Port(key, Value()); break;
                case "--no-demo-data": options.DemoData = false; break;
                case "--data-dir": options.DataDirectory = Path.GetFullPath(Value()); break;
                case "--environment": options.EnvironmentName = Value(); break;
            }
        }
        return options;
    }

    static (string Key, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=');
        return eq > 0 && arg.StartsWith("--", StringComparison.Ordinal) ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    static int Port(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"{key} expects a port number (1-65535), got '{value}'.");
}
