using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alliance.ServiceDefaults.Memory;

/// <summary>Settings of <see cref="IdleMemoryTrimmer"/> (<c>Memory</c> section).</summary>
public sealed class MemoryTrimOptions
{
    public const string SectionName = "Memory";

    /// <summary>False leaves the GC to itself.</summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>How often the GC's committed memory is looked at (the first look comes one interval after start).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A trim runs when the GC keeps more than this committed beyond what the last collection found live.</summary>
    public long SlackBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>
/// Gives back what the process keeps once a burst of work is over (start-up, the first requests, an HR import): the GC
/// sizes its budgets for the busiest moment and, with few allocations at idle, no collection comes soon to shrink them;
/// and the C heap (the JIT's and the runtime's native memory) keeps the pages its frees left behind. When the process
/// has allocated little since the last look, and either the last collection (not this trimmer's own) left much more
/// committed than it found live or it was busy since the last trim, one aggressive collection (blocking, compacting,
/// decommitting) and glibc's <c>malloc_trim</c> return the rest to the operating system. ADRs 15 and 18.
/// </summary>
public sealed partial class IdleMemoryTrimmer(IOptions<MemoryTrimOptions> options, ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    /// <summary>Below this many bytes allocated between two looks the process counts as idle.</summary>
    public const long IdleAllocationBytes = 4 * 1024 * 1024;

    /// <summary>At least this many methods compiled since the last trim count as a burst: first requests allocate little
    /// but leave the JIT's and the type loader's freed native memory behind.</summary>
    public const long BurstJitMethods = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.TrimWhenIdle) return;
        using var timer = new PeriodicTimer(o.CheckInterval);
        var allocated = GC.GetTotalAllocatedBytes();
        var lastTrim = -1L; // the index of this trimmer's last collection: what it left is not looked at again
        var busySinceTrim = true; // start-up is a burst
        var jittedAtTrim = 0L;
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = GC.GetTotalAllocatedBytes();
            var info = GC.GetGCMemoryInfo();
            var allocatedSinceLastLook = now - allocated;
            allocated = now;
            var jittedNow = System.Runtime.JitInfo.GetCompiledMethodCount();
            var jittedSinceLastLook = jittedNow - jitted;
            jitted = jittedNow;
            busySinceTrim |= allocatedSinceLastLook >= IdleAllocationBytes || jittedNow - jittedAtTrim >= BurstJitMethods;
            // Still compiling (a request's first run): not idle yet, whatever it allocated.
            if (jittedSinceLastLook >= BurstJitMethods / 5 || allocatedSinceLastLook >= IdleAllocationBytes) continue;
            var slack = info.Index != lastTrim ? info.TotalCommittedBytes - info.HeapSizeBytes : 0;
            if (!ShouldTrim(allocatedSinceLastLook, slack, busySinceTrim, o.SlackBytes))
            {
                // Idle: what the C heap got back since the last look (tiering, a timer's work) goes back too; it costs
                // little when there is nothing to give.
                TrimNativeHeap();
                continue;
            }
            var after = Trim();
            lastTrim = GC.GetGCMemoryInfo().Index;
            allocated = GC.GetTotalAllocatedBytes();
            busySinceTrim = false;
            jittedAtTrim = System.Runtime.JitInfo.GetCompiledMethodCount();
            LogTrimmed(logger, info.TotalCommittedBytes / (1024 * 1024), after / (1024 * 1024));
        }
    }

    /// <summary>
    /// True when the process was idle since the last look and either the GC holds more than the slack beyond the live
    /// heap or the process was busy since the last trim (the C heap then holds what the burst freed).
    /// </summary>
    public static bool ShouldTrim(long allocatedSinceLastLook, long slackBytes, bool busySinceTrim, long slackBound) =>
        allocatedSinceLastLook < IdleAllocationBytes && (slackBytes >= slackBound || busySinceTrim);

    /// <summary>
    /// One aggressive, compacting collection (the large object heap too), then the C heap's free pages back to the
    /// system; returns the GC's committed bytes after it.
    /// </summary>
    public static long Trim()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
        return GC.GetGCMemoryInfo().TotalCommittedBytes;
    }

    /// <summary>glibc's <c>malloc_trim(0)</c>: every arena's free pages back to the system. Nothing elsewhere (musl has no such call).</summary>
    public static bool TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    [LoggerMessage(LogLevel.Information, "Idle: the GC's committed memory trimmed from {BeforeMb} MB to {AfterMb} MB")]
    static partial void LogTrimmed(ILogger logger, long beforeMb, long afterMb);
}
