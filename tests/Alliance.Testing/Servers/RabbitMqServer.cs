using System.Diagnostics;
using System.Net.Sockets;

namespace Alliance.Testing.Servers;

/// <summary>
/// RabbitMQ from Debian's rabbitmq-server, on loopback ports, with its own epmd, cookie and data in a folder of ours.
/// Everything it starts (the broker and epmd) is stopped by us at the end, by pid.
/// </summary>
public sealed class RabbitMqServer : IInfrastructureServer
{
    const string BinDir = "/usr/lib/rabbitmq/bin";
    readonly string _dir;
    readonly string _nodeName;
    Process? _broker;
    Process? _epmd;

    public RabbitMqServer(string dataRoot, int port, string nodeName = "alliance")
    {
        _dir = Path.GetFullPath(dataRoot);
        Port = port;
        DistributionPort = FreePort.Next();
        EpmdPort = FreePort.Next();
        _nodeName = nodeName;
    }

    public int Port { get; private set; }
    public int DistributionPort { get; private set; }
    public int EpmdPort { get; private set; }
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";
    public int? ProcessId => _broker is { HasExited: false } ? _broker.Id : null;
    public int? EpmdProcessId => _epmd is { HasExited: false } ? _epmd.Id : null;

    /// <summary>The Erlang VM's pid (the broker script's child), from the pid file it writes.</summary>
    public int? ErlangProcessId
    {
        get
        {
            try
            {
                var pidFile = Path.Combine(_dir, "rabbitmq.pid");
                return _broker is { HasExited: false } && File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) ? pid : null;
            }
            catch (IOException) { return null; }
        }
    }

    public static bool IsInstalled => File.Exists(Path.Combine(BinDir, "rabbitmq-server"));

    Dictionary<string, string> Environment() => new()
    {
        ["HOME"] = _dir,
        ["RABBITMQ_NODENAME"] = $"{_nodeName}@localhost",
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Port.ToString(),
        ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["ERL_EPMD_PORT"] = EpmdPort.ToString(),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_dir, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(_dir, "log"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_dir, "rabbitmq.conf"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_dir, "enabled_plugins"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(_dir, "rabbitmq.pid"),
    };

    /// <summary>
    /// Starts epmd and the broker. A broker that exits while starting (seen now and then on a loaded machine) is tried
    /// again, up to three times, with fresh internal ports (and a fresh AMQP port when that one was taken); the last failure
    /// reports what the broker printed.
    /// </summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "log"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "enabled_plugins"), "[].\n", ct);
        var epmdPath = Directory.GetFiles("/usr/lib/erlang", "epmd", SearchOption.AllDirectories).First(p => p.Contains("/erts-") && p.EndsWith("/bin/epmd"));

        for (var attempt = 1; ; attempt++)
        {
            await File.WriteAllTextAsync(Path.Combine(_dir, "rabbitmq.conf"),
                $"listeners.tcp.default = 127.0.0.1:{Port}\nloopback_users = none\nlog.console = false\nlog.file.level = warning\n", ct);
            var env = Environment();
            _epmd = Start(epmdPath, ["-address", "127.0.0.1", "-port", EpmdPort.ToString()], env);
            await ProcessRunner.WaitUntilAsync(() => CanConnectAsync(EpmdPort), TimeSpan.FromSeconds(10), "epmd", ct);

            _output.Clear();
            _broker = Start(Path.Combine(BinDir, "rabbitmq-server"), [], env, _output);
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!_broker.HasExited && DateTime.UtcNow < deadline)
            {
                try { if (await IsHealthyAsync()) return; }
                catch (Exception) { /* not listening yet, or exited: the loop condition tells */ }
                await Task.Delay(100, ct);
            }
            var exited = _broker.HasExited;
            Kill();
            if (attempt == 3 || !exited)
                throw new InvalidOperationException(
                    $"RabbitMQ {(exited ? "exited while starting" : "was not ready within 120 s")} (attempt {attempt}). It printed:\n{string.Join("\n", _output.TakeLast(30))}");
            DistributionPort = FreePort.Next();
            EpmdPort = FreePort.Next();
            // Its AMQP port was taken between being picked and being bound (e.g. by the dashboard): a fresh one too.
            if (_output.Any(line => line.Contains("eaddrinuse", StringComparison.Ordinal))) Port = FreePort.Next();
        }
    }
    readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    static Process Start(string file, string[] args, Dictionary<string, string> env, System.Collections.Concurrent.ConcurrentQueue<string>? output = null)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        void Keep(string? line)
        {
            if (line is null || output is null) return;
            output.Enqueue(line);
            while (output.Count > 200) output.TryDequeue(out _);
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static async Task<bool> CanConnectAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        return true;
    }

    /// <summary>Protocol-level check: the AMQP 0-9-1 handshake gets a Connection.Start method frame.</summary>
    public async Task<bool> IsHealthyAsync()
    {
        if (_broker is { HasExited: true }) throw new InvalidOperationException("RabbitMQ exited; see " + Path.Combine(_dir, "log"));
        return await Alliance.ServiceDefaults.Messaging.AmqpProbe.AnswersAsync("127.0.0.1", Port, CancellationToken.None);
    }

    /// <summary>Runs rabbitmqctl against this node (e.g. add_vhost).</summary>
    public Task<string> CtlAsync(params string[] args) =>
        ProcessRunner.RunAsync(Path.Combine(BinDir, "rabbitmqctl"), args, Environment(), TimeSpan.FromSeconds(60));

    public async Task<string> CreateVirtualHostAsync(string name)
    {
        await CtlAsync("add_vhost", name);
        await CtlAsync("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return $"amqp://guest:guest@127.0.0.1:{Port}/{Uri.EscapeDataString(name)}";
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        if (_broker is { HasExited: false })
        {
            try { await CtlAsync("stop"); } catch (Exception) { /* fall back to kill below */ }
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(TimeSpan.FromSeconds(30));
            try { await _broker.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _broker.Kill(entireProcessTree: true); }
        }
        if (_epmd is { HasExited: false })
        {
            _epmd.Kill(entireProcessTree: true);
            await _epmd.WaitForExitAsync(ct);
        }
        KillStrays();
    }

    public void Kill()
    {
        // The broker script runs the Erlang VM as its child; the VM writes its own pid file.
        var pidFile = Path.Combine(_dir, "rabbitmq.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var beam)) Signals.Send(beam, Signals.SigKill);
        foreach (var p in new[] { _broker, _epmd })
            if (p is { HasExited: false }) Signals.Send(p.Id, Signals.SigKill);
        KillStrays();
    }

    /// <summary>
    /// Erlang's tools start an epmd daemon of their own when they miss ours (seen after a stop): every process that runs
    /// with this node's HOME is ours, and none may outlive the broker.
    /// </summary>
    void KillStrays()
    {
        if (OperatingSystem.IsWindows()) return;
        var home = "HOME=" + _dir;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == System.Environment.ProcessId) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').Contains(home)) Signals.Send(pid, Signals.SigKill);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* gone, or not ours to read */ }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _broker?.Dispose();
        _epmd?.Dispose();
    }
}
