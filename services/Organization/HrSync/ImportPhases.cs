using System.Diagnostics;

namespace Alliance.Organization.HrSync;

/// <summary>The steps of an import's batches, timed for its closing log line.</summary>
enum ImportPhase { Read, Lookups, Apply, Copy, Save, OneByOne, Results, Commit }

/// <summary>
/// Where an import's time went: each phase's total over the batches. Batches overlap (one is prepared while the one
/// before it is written), so the phases add up to more than the import's own time.
/// </summary>
sealed class ImportPhases
{
    readonly long[] _ticks = new long[Enum.GetValues<ImportPhase>().Length];
    readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>Times <paramref name="phase"/> until the result is disposed.</summary>
    public Timing Time(ImportPhase phase) => new(this, phase, Stopwatch.GetTimestamp());

    public readonly struct Timing(ImportPhases phases, ImportPhase phase, long started) : IDisposable
    {
        public void Dispose() => Interlocked.Add(ref phases._ticks[(int)phase], Stopwatch.GetTimestamp() - started);
    }

    public override string ToString()
    {
        var parts = Enum.GetValues<ImportPhase>().Where(p => Volatile.Read(ref _ticks[(int)p]) > 0)
            .Select(p => $"{p.ToString().ToLowerInvariant()} {Volatile.Read(ref _ticks[(int)p]) / (double)Stopwatch.Frequency:0.00} s");
        return $"{Stopwatch.GetElapsedTime(_started).TotalSeconds:0.00} s (phases, overlapping: {string.Join(", ", parts)})";
    }
}
