using System.Runtime;
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
/// Gives back what the GC keeps committed once a burst of work is over (start-up, demo data, an HR import): the GC sizes
/// its budgets for the busiest moment and, with few allocations at idle, no collection comes soon to shrink them. When
/// the process has allocated little since the last look and the last collection (not this trimmer's own) left much more
/// committed than it found live, one aggressive collection (blocking, compacting, decommitting) returns the rest to the
/// operating system. ADR 15.
/// </summary>
public sealed partial class IdleMemoryTrimmer(IOptions<MemoryTrimOptions> options, ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    /// <summary>Below this many bytes allocated between two looks the process counts as idle.</summary>
    public const long IdleAllocationBytes = 4 * 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.TrimWhenIdle) return;
        using var timer = new PeriodicTimer(o.CheckInterval);
        var allocated = GC.GetTotalAllocatedBytes();
        var lastTrim = -1L; // the index of this trimmer's last collection: what it left is not looked at again
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = GC.GetTotalAllocatedBytes();
            var info = GC.GetGCMemoryInfo();
            var trim = info.Index != lastTrim && ShouldTrim(now - allocated, info.TotalCommittedBytes, info.HeapSizeBytes, o.SlackBytes);
            allocated = now;
            if (!trim) continue;
            var after = Trim();
            lastTrim = GC.GetGCMemoryInfo().Index;
            allocated = GC.GetTotalAllocatedBytes();
            LogTrimmed(logger, info.TotalCommittedBytes / (1024 * 1024), after / (1024 * 1024));
        }
    }

    /// <summary>True when the process was idle since the last look and the GC holds more than the slack beyond the live heap.</summary>
    public static bool ShouldTrim(long allocatedSinceLastLook, long committedBytes, long heapSizeBytes, long slackBytes) =>
        allocatedSinceLastLook < IdleAllocationBytes && committedBytes - heapSizeBytes >= slackBytes;

    /// <summary>One aggressive, compacting collection (the large object heap too); returns the GC's committed bytes after it.</summary>
    public static long Trim()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return GC.GetGCMemoryInfo().TotalCommittedBytes;
    }

    [LoggerMessage(LogLevel.Information, "Idle: the GC's committed memory trimmed from {BeforeMb} MB to {AfterMb} MB")]
    static partial void LogTrimmed(ILogger logger, long beforeMb, long afterMb);
}
