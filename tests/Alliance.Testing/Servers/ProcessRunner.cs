using System.Diagnostics;
using System.Text;

namespace Alliance.Testing.Servers;

/// <summary>Runs a short-lived command to completion (initdb, pg_ctl, rabbitmqctl) with a bound on its time.</summary>
public static class ProcessRunner
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<string> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time. Output:\n{output}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{output}");
        return output.ToString();
    }

    /// <summary>Runs a command as the given system user when we are root (PostgreSQL refuses to run as root).</summary>
    public static Task<string> RunAsUserAsync(string user, string file, IEnumerable<string> args, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        if (!IsRoot) return RunAsync(file, args, null, timeout, ct);
        return RunAsync("runuser", new[] { "-u", user, "--", file }.Concat(args), null, timeout, ct);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try { if (await condition()) return; } catch (Exception) when (DateTime.UtcNow < deadline) { }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"{what} was not ready within {bound.TotalSeconds:0} s");
            await Task.Delay(50, ct);
        }
    }
}
