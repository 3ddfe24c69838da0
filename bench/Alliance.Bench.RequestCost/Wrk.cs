using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Alliance.Bench.RequestCost;

/// <param name="Requests">Responses received.</param>
/// <param name="Failed">Responses other than 2xx/3xx, plus socket errors (connect, read, write, timeout).</param>
sealed record WrkResult(long Requests, double Seconds, long Failed, double P50Ms, double P99Ms, string Output)
{
    public double Rate => Requests / Seconds;
}

/// <summary>wrk at 8 connections on 2 threads for a fixed time, with latency statistics, from a Lua script (wrk/).</summary>
sealed partial class Wrk(string scriptDirectory)
{
    public const int Connections = 8, Threads = 2;

    public static bool IsInstalled() =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(dir => File.Exists(Path.Combine(dir, "wrk")));

    /// <summary>Runs wrk to completion; <paramref name="script"/> is a file in wrk/ (report.lua for plain GETs);
    /// <paramref name="scriptArgs"/> go to the script's <c>init</c>.</summary>
    public async Task<WrkResult> RunAsync(Uri url, string authorization, TimeSpan duration, string script = "report.lua",
        IEnumerable<string>? scriptArgs = null, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo("wrk")
        {
            WorkingDirectory = scriptDirectory, // scim-create.lua loads report.lua from here
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { $"-t{Threads}", $"-c{Connections}", $"-d{duration.TotalSeconds:0}s", "--latency", "--timeout", "10s",
                     "-H", $"Authorization: {authorization}", "-s", script, url.ToString() })
            start.ArgumentList.Add(a);
        if (scriptArgs is not null)
        {
            start.ArgumentList.Add("--");
            foreach (var a in scriptArgs) start.ArgumentList.Add(a);
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var stdout = wrk.StandardOutput.ReadToEndAsync(ct);
        var stderr = wrk.StandardError.ReadToEndAsync(ct);
        await wrk.WaitForExitAsync(ct); // reaps it: its CPU is now in this process's RUSAGE_CHILDREN
        var output = await stdout + await stderr;
        var m = ResultLine().Match(output);
        if (wrk.ExitCode != 0 || !m.Success) throw new InvalidOperationException($"wrk failed (exit {wrk.ExitCode}):\n{output}");
        long N(string name) => long.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        return new WrkResult(N("requests"), N("duration") / 1e6,
            N("status") + N("connect") + N("read") + N("write") + N("timeout"), N("p50") / 1000.0, N("p99") / 1000.0, output);
    }

    [GeneratedRegex(@"RESULT requests=(?<requests>\d+) duration_us=(?<duration>\d+) status=(?<status>\d+) connect=(?<connect>\d+) " +
        @"read=(?<read>\d+) write=(?<write>\d+) timeout=(?<timeout>\d+) p50_us=(?<p50>\d+) p99_us=(?<p99>\d+)")]
    private static partial Regex ResultLine();
}
