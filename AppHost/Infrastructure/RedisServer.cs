using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Alliance.AppHost.Infrastructure;

/// <summary>Redis from Debian's redis-server, on a loopback port, owned by us (stopped by its pid).</summary>
public sealed class RedisServer : IInfrastructureServer
{
    readonly string _dir;
    readonly bool _appendOnly;
    Process? _process;

    public RedisServer(string dataRoot, int port, bool appendOnly = false)
    {
        _dir = Path.GetFullPath(dataRoot);
        Port = port;
        _appendOnly = appendOnly;
    }

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,syncTimeout=15000,keepAlive=0";

    public static bool IsInstalled => File.Exists("/usr/bin/redis-server");

    public async Task StartAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(_dir);
        var psi = new ProcessStartInfo("/usr/bin/redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(), "--dir", _dir, "--logfile", Path.Combine(_dir, "redis.log"),
                     "--save", "", "--appendonly", _appendOnly ? "yes" : "no", "--protected-mode", "no" })
            psi.ArgumentList.Add(a);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start redis-server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ProcessRunner.WaitUntilAsync(IsHealthyAsync, TimeSpan.FromSeconds(20), "Redis", ct);
    }

    public int? ProcessId => _process is { HasExited: false } ? _process.Id : null;

    /// <summary>Protocol-level check: PING answers PONG.</summary>
    public async Task<bool> IsHealthyAsync()
    {
        if (_process is { HasExited: true }) return false;
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[64];
        var n = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, n).StartsWith("+PONG", StringComparison.Ordinal);
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        if (_process is null || _process.HasExited) return;
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, ct);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(_appendOnly ? "SHUTDOWN SAVE\r\n" : "SHUTDOWN NOSAVE\r\n"), ct);
        }
        catch (SocketException) { }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
    }

    public void Kill()
    {
        if (_process is { HasExited: false }) Signals.Send(_process.Id, Signals.SigKill);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }
}
