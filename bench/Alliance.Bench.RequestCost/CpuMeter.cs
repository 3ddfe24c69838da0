namespace Alliance.Bench.RequestCost;

/// <summary>
/// CPU spent on the machine between <see cref="Start"/> and <see cref="Stop"/>: all busy time from <c>/proc/stat</c>, the
/// load generator's own (wrk, from the reaped children's rusage) taken out, and the rest split by process.
/// </summary>
sealed class CpuMeter(Stack stack, int appHostPid)
{
    /// <summary>The split's columns: the stack's resources that get their own, then the groups every window has.</summary>
    public static readonly string[] Shown = ["gateway", "organization", "activity", "reporting#0", "reporting#1", "pg", "bus", "cache"];
    public const string OtherStack = "other stack", Bench = "bench", Rest = "rest of machine";

    public Mark Start() => new(Cpu.MachineBusyTicks(), Cpu.ReapedChildrenMs(), ProcessSnapshot.Take());

    public CpuWindow Stop(Mark start)
    {
        var end = new Mark(Cpu.MachineBusyTicks(), Cpu.ReapedChildrenMs(), ProcessSnapshot.Take());
        var machine = Cpu.TicksToMs(end.BusyTicks - start.BusyTicks);
        var wrk = end.ReapedChildrenMs - start.ReapedChildrenMs;
        var before = ByGroup(start.Processes);
        var split = ByGroup(end.Processes).ToDictionary(g => g.Key, g => Cpu.TicksToMs(g.Value - before.GetValueOrDefault(g.Key)));
        split[Rest] = machine - wrk - split.Values.Sum();
        return new CpuWindow(machine - wrk, wrk, split);
    }

    /// <summary>The stack's own CPU in jiffies (everything under the AppHost), to wait for it to settle.</summary>
    public long StackTicks() => ByGroup(ProcessSnapshot.Take()).Where(g => g.Key != Bench).Sum(g => g.Value);

    /// <summary>Jiffies per group: each resource's processes with their descendants (a PostgreSQL backend belongs to pg),
    /// the AppHost and whatever else runs under it, and this process (its own time only: its reaped children are wrk).</summary>
    Dictionary<string, long> ByGroup(ProcessSnapshot s)
    {
        var groups = Shown.Concat([OtherStack, Bench]).ToDictionary(g => g, _ => 0L);
        var claimed = new HashSet<int>();
        foreach (var (name, pid) in stack.Processes)
        {
            var group = Shown.Contains(name) ? name : OtherStack;
            foreach (var p in s.Tree(pid))
                if (claimed.Add(p.Pid)) groups[group] += p.Total;
        }
        foreach (var p in s.Tree(appHostPid))
            if (claimed.Add(p.Pid)) groups[OtherStack] += p.Total;
        groups[Bench] = s[Environment.ProcessId]?.Self ?? 0;
        return groups;
    }

    public sealed record Mark(long BusyTicks, double ReapedChildrenMs, ProcessSnapshot Processes);
}

/// <param name="SystemMs">Busy CPU of the whole machine over the window less wrk's own.</param>
/// <param name="WrkMs">wrk's own CPU (left out).</param>
/// <param name="Split">Per group (<see cref="CpuMeter.Shown"/>, other stack, bench, rest of machine); sums to <paramref name="SystemMs"/>.</param>
sealed record CpuWindow(double SystemMs, double WrkMs, IReadOnlyDictionary<string, double> Split);
