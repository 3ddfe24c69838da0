using System.Globalization;
using System.Runtime.InteropServices;

namespace Alliance.Bench.RequestCost;

/// <summary>CPU time as Linux accounts it: <c>/proc/stat</c>, <c>/proc/&lt;pid&gt;/stat</c> and the reaped children's rusage.</summary>
static partial class Cpu
{
    const int ScClkTck = 2, RusageChildren = -1;

    /// <summary>Clock ticks (jiffies) per second, the unit of <c>/proc/stat</c> and <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    public static readonly long TicksPerSecond = sysconf(ScClkTck) is > 0 and var t ? t : 100;

    public static double TicksToMs(long ticks) => ticks * 1000.0 / TicksPerSecond;

    /// <summary>Busy jiffies summed over all CPUs: user + nice + system + irq + softirq + steal (idle and iowait left out;
    /// guest time is already inside user).</summary>
    public static long MachineBusyTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var f = cpu.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
    }

    /// <summary>User + system CPU of this process's children that have exited and been waited for (getrusage
    /// RUSAGE_CHILDREN). .NET waits for a child as soon as it exits, so the difference around one wrk run is that wrk's
    /// own CPU, to the microsecond, however briefly it lived.</summary>
    public static double ReapedChildrenMs()
    {
        var usage = new long[18]; // struct rusage on 64-bit Linux: two timevals (sec, usec), then 14 longs
        if (getrusage(RusageChildren, usage) != 0) throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        return (usage[0] + usage[2]) * 1000.0 + (usage[1] + usage[3]) / 1000.0;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial long sysconf(int name);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, [Out] long[] usage);
}

/// <summary>One process's CPU from <c>/proc/&lt;pid&gt;/stat</c>, in jiffies.</summary>
/// <param name="Self">utime + stime.</param>
/// <param name="Reaped">cutime + cstime: its children that have exited and been waited for (a PostgreSQL backend that ended
/// during a window is counted here, in its postmaster).</param>
readonly record struct ProcessCpu(int Pid, int ParentPid, long Self, long Reaped)
{
    public long Total => Self + Reaped;
}

/// <summary>Every process's CPU at one moment, and who is whose child.</summary>
sealed class ProcessSnapshot
{
    readonly Dictionary<int, ProcessCpu> _processes = [];
    readonly Dictionary<int, List<int>> _children = [];

    ProcessSnapshot() { }

    public static ProcessSnapshot Take()
    {
        var snapshot = new ProcessSnapshot();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Read(pid) is not { } p) continue;
            snapshot._processes[pid] = p;
            if (!snapshot._children.TryGetValue(p.ParentPid, out var list)) snapshot._children[p.ParentPid] = list = [];
            list.Add(pid);
        }
        return snapshot;
    }

    public ProcessCpu? this[int pid] => _processes.TryGetValue(pid, out var p) ? p : null;

    /// <summary>The process and all its descendants alive (or not yet reaped) at this moment.</summary>
    public IEnumerable<ProcessCpu> Tree(int root)
    {
        if (!_processes.TryGetValue(root, out var first)) yield break;
        var pending = new Stack<ProcessCpu>([first]);
        while (pending.TryPop(out var p))
        {
            yield return p;
            if (_children.TryGetValue(p.Pid, out var kids))
                foreach (var kid in kids) pending.Push(_processes[kid]);
        }
    }

    static ProcessCpu? Read(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        // pid (comm) state ppid ... : comm may hold spaces and parentheses, so fields are counted after the last ')'.
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        return new ProcessCpu(pid, (int)L(1), L(11) + L(12), L(13) + L(14));
    }
}
