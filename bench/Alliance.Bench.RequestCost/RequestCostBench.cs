using System.Diagnostics;

namespace Alliance.Bench.RequestCost;

/// <param name="Requests">Requests the CPU is divided by: wrk's count, or for SCIM creates the people reporting projected.</param>
/// <param name="Complete">False when the window ended before the work it waits for (SCIM: reporting did not catch up).</param>
sealed record Row(string Endpoint, WrkResult Wrk, CpuWindow Cpu, long Requests, string? Note = null, bool Complete = true)
{
    public bool Failed => Wrk.Failed > 0 || !Complete;

    public double MsPerRequest(double ms) => ms / Requests;
}

/// <summary>Each endpoint measured the same way: a warm-up run, a wait until the stack is idle, then one measured window
/// around a wrk run of the configured length.</summary>
sealed class RequestCostBench(Wrk wrk, CpuMeter meter, TimeSpan duration, TimeSpan warmUp)
{
    /// <summary>The stack counts as idle below this much CPU (summed over its processes) for one second.</summary>
    const double IdleCores = 0.15;

    public async Task<Row> MeasureGetAsync(string endpoint, Uri url, string authorization, CancellationToken ct)
    {
        await wrk.RunAsync(url, authorization, warmUp, ct: ct);
        await WaitForIdleAsync(TimeSpan.FromSeconds(60), ct);
        var mark = meter.Start();
        var result = await wrk.RunAsync(url, authorization, duration, ct: ct);
        return new Row(endpoint, result, meter.Stop(mark), result.Requests);
    }

    /// <summary>
    /// SCIM user creates: the window runs from wrk's start until reporting has projected every created person (their
    /// events through the outbox and the broker), so that work is in the CPU per create. It is divided by the people
    /// projected, which includes the few creates still in flight when wrk stopped.
    /// </summary>
    public async Task<Row> MeasureScimCreatesAsync(Uri gateway, string hrClient, ReportingPeople people, CancellationToken ct)
    {
        var url = new Uri(gateway, "/scim/v2/Users");
        var run = Guid.NewGuid().ToString("N")[..8];
        var before = await people.CountAsync(ct);
        var warm = await wrk.RunAsync(url, hrClient, warmUp, "scim-create.lua", [run + "w"], ct);
        await people.WaitForAsync(before + warm.Requests - warm.Failed, TimeSpan.FromSeconds(120), ct);
        await WaitForIdleAsync(TimeSpan.FromSeconds(60), ct);

        var baseline = await people.CountAsync(ct);
        var mark = meter.Start();
        var result = await wrk.RunAsync(url, hrClient, duration, "scim-create.lua", [run], ct);
        var drain = Stopwatch.StartNew();
        var (count, reached) = await people.WaitForAsync(baseline + result.Requests - result.Failed, TimeSpan.FromSeconds(120), ct);
        var cpu = meter.Stop(mark);
        var created = count - baseline;
        var answered = result.Requests - result.Failed;
        var note = $"{answered:N0} creates answered to wrk, {created:N0} people projected by reporting (the divisor) " +
            $"{drain.Elapsed.TotalSeconds:0.0} s after wrk ended";
        if (!reached) note += "; NOT all projected within 120 s";
        return new Row("SCIM user create (+ events to reporting)", result, cpu, Math.Max(created, 1), note, reached);
    }

    /// <summary>Waits until the stack's own CPU over one second is below <see cref="IdleCores"/> (after start-up: the demo
    /// data's events; after a warm-up: what it left queued), or the bound passes.</summary>
    public async Task WaitForIdleAsync(TimeSpan bound, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var ticks = meter.StackTicks();
            var second = Stopwatch.StartNew();
            await Task.Delay(1000, ct);
            var cores = Cpu.TicksToMs(meter.StackTicks() - ticks) / second.Elapsed.TotalMilliseconds;
            if (cores < IdleCores)
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(5)) Console.WriteLine($"  (waited {waited.Elapsed.TotalSeconds:0} s for the stack to idle)");
                return;
            }
            if (waited.Elapsed > bound)
            {
                Console.WriteLine($"  (the stack still used {cores:0.00} cores after {bound.TotalSeconds:0} s; measuring anyway)");
                return;
            }
        }
    }
}
