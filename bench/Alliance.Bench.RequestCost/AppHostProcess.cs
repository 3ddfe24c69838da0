using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Alliance.Bench.RequestCost;

/// <summary>
/// The built AppHost started as a user starts it (<c>dotnet AppHost/bin/&lt;Configuration&gt;/net10.0/Alliance.AppHost.dll
/// --data-dir &lt;dir&gt;</c>), its output in a log file in the data folder; stopped with SIGTERM, which stops its children,
/// and waited for.
/// </summary>
sealed partial class AppHostProcess : IAsyncDisposable
{
    const int SigTerm = 15, SigKill = 9;
    readonly Process _process;

    AppHostProcess(Process process, string dataDirectory, string log)
    {
        _process = process;
        DataDirectory = dataDirectory;
        LogPath = log;
    }

    public int Pid => _process.Id;
    public string DataDirectory { get; }
    public string LogPath { get; }

    /// <summary>Starts it on <paramref name="dataDirectory"/> with <paramref name="options"/> (e.g. <c>--no-demo-data</c>),
    /// its output in <c>&lt;data-dir&gt;/&lt;logName&gt;</c>.</summary>
    public static AppHostProcess Start(string repositoryRoot, string configuration, string dataDirectory, string logName, params string[] options)
    {
        var dll = Path.Combine(repositoryRoot, "AppHost", "bin", configuration, "net10.0", "Alliance.AppHost.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} not found: build first with `dotnet build Alliance.sln -c {configuration}`.");
        var log = Path.Combine(dataDirectory, logName);
        // The shell only redirects the output to a file and becomes the AppHost (exec): no pipe for this process to pump.
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = repositoryRoot, UseShellExecute = false };
        foreach (var a in new[] { "-c", "log=$1; shift; exec dotnet \"$@\" >\"$log\" 2>&1", "sh", log, dll, "--data-dir", dataDirectory }) start.ArgumentList.Add(a);
        foreach (var o in options) start.ArgumentList.Add(o);
        return new AppHostProcess(Process.Start(start)!, dataDirectory, log);
    }

    /// <summary>A new data folder that PostgreSQL (run as the postgres user when we are root) can reach.</summary>
    public static string NewDataDirectory()
    {
        var data = Directory.CreateTempSubdirectory("alliance-request-cost-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        return data;
    }

    /// <summary>Until the AppHost says everything is running and prints the gateway's address (or says what failed).</summary>
    public async Task WaitUntilRunningAsync(TimeSpan bound, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var text = File.Exists(LogPath) ? await File.ReadAllTextAsync(LogPath, ct) : "";
            if (text.Contains("Alliance is running", StringComparison.Ordinal) && text.Contains("Console (gateway)", StringComparison.Ordinal)) return;
            if (text.Contains("Not everything started", StringComparison.Ordinal) || _process.HasExited || deadline.Elapsed > bound)
                throw new InvalidOperationException($"the AppHost did not start (log: {LogPath}):\n{string.Join('\n', text.Split('\n').TakeLast(25))}");
            await Task.Delay(250, ct);
        }
    }

    /// <summary>SIGTERM, then wait for it to stop its children and exit; if it does not within two minutes, SIGKILL it and
    /// everything under it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            var tree = ProcessSnapshot.Take().Tree(_process.Id).Select(p => p.Pid).ToList();
            _ = kill(_process.Id, SigTerm);
            using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try { await _process.WaitForExitAsync(bound.Token); }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("the AppHost did not stop within 2 minutes after SIGTERM: killing it and its children");
                foreach (var pid in tree) _ = kill(pid, SigKill);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
