using Alliance.ServiceDefaults.Memory;
using FluentAssertions;
using Xunit;

namespace Alliance.ServiceDefaults.Tests.Memory;

/// <summary>Alone: the other tests' allocations would blur what a collection gives back.</summary>
[CollectionDefinition(nameof(IdleMemoryTrimmerTests), DisableParallelization = true)]
public sealed class GcSensitive;

[Collection(nameof(IdleMemoryTrimmerTests))]
public class IdleMemoryTrimmerTests
{
    const long MB = 1024 * 1024;

    [Theory]
    [InlineData(1 * MB, 50 * MB, false, true)]   // idle, 50 MB held beyond the live heap
    [InlineData(1 * MB, 3 * MB, false, false)]   // idle, only 3 MB beyond it and nothing happened since the last trim
    [InlineData(1 * MB, 3 * MB, true, true)]     // idle after a burst: the C heap holds what the burst freed
    [InlineData(40 * MB, 50 * MB, true, false)]  // busy: the next collections will size the heap themselves
    public void Trims_only_an_idle_process_holding_more_than_the_slack_or_after_a_burst(long allocated, long slack, bool busySinceTrim, bool expected) =>
        IdleMemoryTrimmer.ShouldTrim(allocated, slack, busySinceTrim, slackBound: 4 * MB).Should().Be(expected);

    [Fact]
    public void A_trim_gives_back_the_pages_the_C_heap_kept_after_frees()
    {
        // 80 MB of small C-heap blocks, touched; all freed but the last, which keeps the heap from shrinking from its top.
        var blocks = new IntPtr[20_000];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = System.Runtime.InteropServices.Marshal.AllocHGlobal(4096);
            for (var offset = 0; offset < 4096; offset += 512) System.Runtime.InteropServices.Marshal.WriteByte(blocks[i], offset, 1);
        }
        for (var i = 0; i < blocks.Length - 1; i++) System.Runtime.InteropServices.Marshal.FreeHGlobal(blocks[i]);
        var before = ResidentBytes();

        IdleMemoryTrimmer.TrimNativeHeap().Should().BeTrue("glibc has malloc_trim");
        var after = ResidentBytes();
        System.Runtime.InteropServices.Marshal.FreeHGlobal(blocks[^1]);

        (before - after).Should().BeGreaterThan(40 * MB, "the freed blocks' pages went back to the system");
    }

    static long ResidentBytes() =>
        long.Parse(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    [Fact]
    public void A_trim_gives_back_what_a_burst_left_committed()
    {
        // A burst: 200 MB of short-lived arrays, large and small, none of them kept; then an ordinary collection.
        for (var i = 0; i < 200; i++) GC.KeepAlive(new byte[1024 * 1024]);
        for (var i = 0; i < 400_000; i++) GC.KeepAlive(new byte[500]);
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;

        var committed = IdleMemoryTrimmer.Trim();

        var info = GC.GetGCMemoryInfo();
        committed.Should().Be(info.TotalCommittedBytes);
        info.Compacted.Should().BeTrue("an aggressive collection compacts");
        info.Generation.Should().Be(GC.MaxGeneration);
        committed.Should().BeLessThan(before, "the trim decommits what the ordinary collection kept");
    }
}
