using Alliance.Bench.RequestCost;

namespace Alliance.Bench.Activity;

/// <summary>
/// CPU per request in Alliance's own processes, as the request-cost bench splits it (its <see cref="ProcessSnapshot"/>:
/// each resource's process with its descendants, so PostgreSQL's backends count for pg): the CPU the gateway, the activity
/// and organization services, PostgreSQL and Redis spent over a run of warm requests, divided by the requests. The
/// machine-wide figure is left out: the 2 cores are shared, and other work would land in it.
/// </summary>
sealed class CpuPerRequest(IReadOnlyList<(string Name, int Pid)> processes)
{
    public async Task<(double Total, IReadOnlyList<(string Name, double Ms)> Split, double Rate)> MeasureAsync(HttpClient http, IReadOnlyList<string> urls,
        int requests, int clients)
    {
        var before = Take();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                using var response = await http.GetAsync(urls[i % urls.Count]);
                await response.Content.ReadAsByteArrayAsync(); // a failed one (504) counts: its work was done
            }
        }));
        var rate = requests / watch.Elapsed.TotalSeconds;
        var after = Take();
        var split = processes.Select(p => (p.Name, Ms: Cpu.TicksToMs(after[p.Name] - before[p.Name]) / requests)).ToList();
        return (split.Sum(s => s.Ms), split, rate);
    }

    Dictionary<string, long> Take()
    {
        var snapshot = ProcessSnapshot.Take();
        return processes.ToDictionary(p => p.Name, p => snapshot.Tree(p.Pid).Sum(c => c.Total));
    }
}
