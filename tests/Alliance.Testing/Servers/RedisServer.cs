using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Alliance.Testing.Servers;

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

    /// <summary>The port asked for; a fresh one when another process took it before the server could bind it.</summary>
    public int Port { get; private set; }
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,syncTimeout=15000,keepAlive=0";

    public static bool IsInstalled => File.Exists("/usr/bin/redis-server");

    /// <summary>
    /// Starts the server and waits until it answers. A free port is only free when it was chosen: another process
    /// (another AppHost's server, a test's listener) can take it before Redis binds it. Then Redis exits saying the
    /// address is in use, and it is started again on a fresh port, up to three times.
    /// </summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(_dir);
        for (var attempt = 1; ; attempt++)
        {
            var log = Path.Combine(_dir, "redis.log");
            File.Delete(log);
            var psi = new ProcessStartInfo("/usr/bin/redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(), "--dir", _dir, "--logfile", log,
                         "--save", "", "--appendonly", _appendOnly ? "yes" : "no", "--protected-mode", "no" })
                psi.ArgumentList.Add(a);
            _process?.Dispose();
            _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start redis-server");
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            try
            {
                await ProcessRunner.WaitUntilAsync(async () => _process.HasExited || await IsHealthyAsync(), TimeSpan.FromSeconds(20), "Redis", ct);
            }
            catch (TimeoutException)
            {
                Kill();
                throw;
            }
            if (!_process.HasExited) return;
            var printed = File.Exists(log) ? await File.ReadAllTextAsync(log, ct) : "";
            if (attempt == 3 || !printed.Contains("Address already in use", StringComparison.Ordinal))
                throw new InvalidOperationException($"Redis exited while starting on port {Port} (attempt {attempt}). It printed:\n{printed.Trim()}");
            Port = FreePort.Next();
        }
    }

    public int? ProcessId => _process is { HasExited: false } ? _process.Id : null;

    /// <summary>
    /// Protocol-level check that the server on the port is ours: <c>INFO server</c> answers with our process's id (a
    /// PONG alone could come from another process's Redis that took the port).
    /// </summary>
    public async Task<bool> IsHealthyAsync()
    {
        if (_process is null) return false;
        if (_process.HasExited)
        {
            var log = Path.Combine(_dir, "redis.log");
            var printed = File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(5)) : "";
            throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}; it printed: {printed}");
        }
        // Bounded: whatever holds the port may accept the connection and never answer.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("INFO server\r\n"u8.ToArray(), timeout.Token);
        // The reply is one bulk string: "$<length>\r\n<text>\r\n".
        var received = new List<byte>();
        var buffer = new byte[4096];
        int? total = null;
        while (total is null || received.Count < total)
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0) return false;
            received.AddRange(buffer.AsSpan(0, n));
            var header = received.IndexOf((byte)'\n');
            if (total is null && header > 0)
            {
                if (received[0] != (byte)'$') return false; // an error reply (e.g. still loading)
                total = header + 1 + int.Parse(Encoding.ASCII.GetString(received.GetRange(1, header - 2).ToArray())) + 2;
            }
        }
        var text = Encoding.ASCII.GetString(received.ToArray());
        var at = text.IndexOf("\nprocess_id:", StringComparison.Ordinal);
        if (at < 0) return false;
        var value = text[(at + "\nprocess_id:".Length)..].Split('\r')[0];
        if (int.TryParse(value, out var pid) && pid != _process.Id)
            throw new InvalidOperationException($"port {Port} is answered by another Redis (pid {pid}), not ours (pid {_process.Id})");
        return pid == _process.Id;
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
        _process = null;
    }
}
