using System.Globalization;

namespace Alliance.AppHost.Hosting;

/// <summary>The AppHost's own options, from its command line (<see cref="Parse"/>); every other argument is Aspire's
/// (<see cref="Remaining"/>).</summary>
public sealed class AppHostOptions
{
    /// <summary><c>--gateway-port N</c>: a fixed port for the gateway; otherwise a free one.</summary>
    public int? GatewayPort { get; set; }

    /// <summary><c>--dashboard-port N</c>: the dashboard's port; otherwise a free one.</summary>
    public int? DashboardPort { get; set; }

    /// <summary><c>--no-demo-data</c> leaves out the demo-data loader.</summary>
    public bool DemoData { get; set; } = true;

    /// <summary><c>--data-dir PATH</c>: where servers keep their data, and <c>resources.json</c>; default <c>.alliance/data</c>
    /// at the repository root (and <c>.alliance/resources.json</c>).</summary>
    public string? DataDirectory { get; set; }

    /// <summary><c>--environment NAME</c>: ASPNETCORE_ENVIRONMENT and DOTNET_ENVIRONMENT of every child.</summary>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary><c>--servers-only</c>: PostgreSQL (with the databases), RabbitMQ and Redis alone, for tests and benches
    /// that need just the servers.</summary>
    public bool ServersOnly { get; set; }

    static readonly string[] Flags = ["--no-demo-data", "--servers-only"];
    static readonly string[] Valued = ["--gateway-port", "--dashboard-port", "--data-dir", "--environment"];

    /// <summary>The arguments that are not ours, for Aspire's own configuration.</summary>
    public static string[] Remaining(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (key, inlineValue) = Split(args[i]);
            if (Flags.Contains(key)) continue;
            if (Valued.Contains(key)) { if (inlineValue is null) i++; continue; }
            rest.Add(args[i]);
        }
        return [.. rest];
    }

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
                case "--servers-only": options.ServersOnly = true; break;
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
