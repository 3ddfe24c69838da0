using System.Diagnostics;
using System.Text;

namespace Alliance.ServiceDefaults.Tests.Grpc.Support;

/// <summary>
/// The grpc-js scripts in Grpc/interop: installs their packages with `npm ci` when node_modules is missing (a fresh
/// clone) and runs them as child processes with bounded waits.
/// </summary>
public sealed class NodeInterop : IAsyncLifetime
{
    private static readonly TimeSpan InstallBound = TimeSpan.FromMinutes(5);

    public string Directory { get; } = FindInteropDirectory();

    public async Task InitializeAsync()
    {
        if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@grpc", "grpc-js")))
        {
            return;
        }
        await using var npm = NodeProcess.Start("npm", ["ci", "--no-audit", "--no-fund"], Directory);
        var exitCode = await npm.WaitForExitAsync(InstallBound);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {Directory} with exit code {exitCode}:{Environment.NewLine}{npm.Errors}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public NodeProcess StartScript(string script, params string[] arguments) =>
        NodeProcess.Start("node", [Path.Combine(Directory, script), .. arguments], Directory);

    private static string FindInteropDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Grpc", "interop");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"Grpc/interop/package.json not found above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A child process whose output is collected as it comes; disposing kills it and its children.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _lineArrived = new(0);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(Process process) => _process = process;

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static NodeProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = startInfo };
        var node = new NodeProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                node._outputClosed.TrySetResult();
                node._lineArrived.Release();
                return;
            }
            lock (node._lines)
            {
                node._lines.Add(e.Data);
            }
            node._lineArrived.Release();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (node._errors)
                {
                    node._errors.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The first output line that satisfies <paramref name="match"/>, waiting at most <paramref name="bound"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        var seen = 0;
        while (true)
        {
            lock (_lines)
            {
                for (; seen < _lines.Count; seen++)
                {
                    if (match(_lines[seen]))
                    {
                        return _lines[seen];
                    }
                }
            }
            if (_outputClosed.Task.IsCompleted)
            {
                throw new InvalidOperationException($"The process ended without the expected output. Errors:{Environment.NewLine}{Errors}");
            }
            try
            {
                await _lineArrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No expected output within {bound}. Errors:{Environment.NewLine}{Errors}");
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} did not finish within {bound}. Errors:{Environment.NewLine}{Errors}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or not going: nothing more a test can do.
        }
        _process.Dispose();
        _lineArrived.Dispose();
    }
}
