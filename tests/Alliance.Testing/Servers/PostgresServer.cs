using Npgsql;

namespace Alliance.Testing.Servers;

/// <summary>
/// PostgreSQL 15 from the machine's own binaries, on a loopback port, with its data in a folder of ours.
/// Keeps the data between runs; runs as the postgres user when we are root (the server refuses root).
/// </summary>
public sealed class PostgresServer : IInfrastructureServer
{
    const string BinDir = "/usr/lib/postgresql/15/bin";
    readonly string _dir;

    public PostgresServer(string dataRoot, int port)
    {
        _dir = Path.GetFullPath(dataRoot);
        Port = port;
    }

    /// <summary>The port asked for; a fresh one when another process took it before the server could bind it.</summary>
    public int Port { get; private set; }
    public string DataDirectory => Path.Combine(_dir, "data");
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Password=postgres";

    public static bool IsInstalled => File.Exists(Path.Combine(BinDir, "postgres"));

    /// <summary>The postmaster's pid, from its pid file; null when it is not running, or while the file is still empty
    /// (the postmaster creates it, then writes it).</summary>
    public int? ProcessId
    {
        get
        {
            try
            {
                var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
                return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        }
    }

    public async Task StartAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(_dir);
        if (ProcessRunner.IsRoot)
        {
            EnsureTraversableByOthers(_dir);
            await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", _dir], ct: ct);
        }
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await ProcessRunner.RunAsUserAsync("postgres", Path.Combine(BinDir, "initdb"),
                ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                TimeSpan.FromSeconds(60), ct);
        }
        // A server left by a killed AppHost still holds the data folder: stop it first.
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try { await StopAsync(ct); } catch (InvalidOperationException) { }
        }
        // The port was free when chosen; another process may have taken it since. Then the postmaster exits saying
        // the address is in use, and it is started again on a fresh port, up to three times.
        for (var attempt = 1; ; attempt++)
        {
            var log = Path.Combine(_dir, "pg.log");
            var logged = File.Exists(log) ? new FileInfo(log).Length : 0;
            // WAL sized for bulk writes (docs/adr/0020): the first HR import of 300,000 employees writes about 800 MB of WAL,
            // and with the default max_wal_size (1 GB) a checkpoint fell in the middle of it, after which every page it
            // touched again was logged in full.
            var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_dir} -c max_connections=300 -c fsync=on -c shared_buffers=128MB " +
                          "-c max_wal_size=4GB -c wal_buffers=16MB -c checkpoint_timeout=15min";
            try
            {
                await ProcessRunner.RunAsUserAsync("postgres", Path.Combine(BinDir, "pg_ctl"),
                    ["-D", DataDirectory, "-l", log, "-o", options, "-w", "-t", "60", "start"], TimeSpan.FromSeconds(90), ct);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3 && LoggedSince(log, logged).Contains("Address already in use", StringComparison.Ordinal))
            {
                Port = FreePort.Next();
            }
        }
        await ProcessRunner.WaitUntilAsync(IsHealthyAsync, TimeSpan.FromSeconds(30), "PostgreSQL", ct);
    }

    static string LoggedSince(string log, long offset)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>
    /// PostgreSQL runs as the postgres user, which must be able to reach its data folder: every folder above it needs
    /// the execute (search) bit for others. We say which one lacks it rather than change permissions we do not own.
    /// </summary>
    static void EnsureTraversableByOthers(string dir)
    {
        if (OperatingSystem.IsWindows()) return;
        for (var d = Directory.GetParent(dir); d is not null; d = d.Parent)
        {
            if (!File.GetUnixFileMode(d.FullName).HasFlag(UnixFileMode.OtherExecute))
                throw new InvalidOperationException(
                    $"PostgreSQL runs as the 'postgres' user and cannot reach {dir}: '{d.FullName}' is not searchable by others. " +
                    $"Choose a data folder elsewhere (--data-dir) or run: chmod o+x '{d.FullName}'");
        }
    }

    /// <summary>Protocol-level check: a connection and a query.</summary>
    public async Task<bool> IsHealthyAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString + ";Timeout=2;Pooling=false");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select 1", conn);
        return (int)(await cmd.ExecuteScalarAsync())! == 1;
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        await ProcessRunner.RunAsUserAsync("postgres", Path.Combine(BinDir, "pg_ctl"),
            ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], TimeSpan.FromSeconds(90), ct);
    }

    public void Kill()
    {
        // SIGQUIT to the postmaster is PostgreSQL's immediate shutdown.
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        try
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var pid))
                Signals.Send(pid, Signals.SigQuit);
        }
        catch (Exception) { /* already gone */ }
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); } catch (Exception) { /* already stopped */ }
    }
}
