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
    [InlineData(1 * MB, 60 * MB, 10 * MB, true)]   // idle, 50 MB held beyond the live heap
    [InlineData(1 * MB, 13 * MB, 10 * MB, false)]  // idle, but only 3 MB beyond it: nothing worth a full collection
    [InlineData(40 * MB, 60 * MB, 10 * MB, false)] // busy: the next collections will size the heap themselves
    public void Trims_only_an_idle_process_holding_more_than_the_slack(long allocated, long committed, long heap, bool expected) =>
        IdleMemoryTrimmer.ShouldTrim(allocated, committed, heap, slackBytes: 4 * MB).Should().Be(expected);

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
