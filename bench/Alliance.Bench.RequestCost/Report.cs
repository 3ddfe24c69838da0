using System.Globalization;

namespace Alliance.Bench.RequestCost;

/// <summary>The one table: rate, ratio to the minimal endpoint, latency, CPU per request and where it went.</summary>
static class Report
{
    static readonly string[] SplitColumns = [.. CpuMeter.Shown, CpuMeter.OtherStack, CpuMeter.Bench, CpuMeter.Rest];

    public static void Print(IReadOnlyList<Row> rows, Row minimal, TextWriter output)
    {
        string[] header = ["endpoint", "req/s", "× minimal", "p50 ms", "p99 ms", "CPU ms/req", .. SplitColumns, "wrk (left out)"];
        output.WriteLine("| " + string.Join(" | ", header) + " |");
        output.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", header.Length - 1)));
        foreach (var row in rows)
        {
            var cells = new List<string>
            {
                row.Endpoint,
                row.Wrk.Rate.ToString("N0", CultureInfo.InvariantCulture),
                (row.Wrk.Rate / minimal.Wrk.Rate).ToString("0.000", CultureInfo.InvariantCulture),
                Ms(row.Wrk.P50Ms), Ms(row.Wrk.P99Ms),
                Cpu(row.MsPerRequest(row.Cpu.SystemMs)),
            };
            cells.AddRange(SplitColumns.Select(c => Cpu(row.MsPerRequest(row.Cpu.Split[c]))));
            cells.Add(Cpu(row.MsPerRequest(row.Cpu.WrkMs)));
            output.WriteLine("| " + string.Join(" | ", cells) + " |");
        }
        output.WriteLine();
        output.WriteLine("CPU ms/req: busy time of all CPUs (/proc/stat) over the window less wrk's own (its rusage), per request; the split is");
        output.WriteLine("per process from /proc/<pid>/stat (with descendants and reaped children: pg includes its backends); 'other stack' is");
        output.WriteLine("the AppHost, activity and talent; 'bench' this process (the minimal endpoint runs in it); 'rest of machine' the remainder.");
        foreach (var row in rows)
        {
            if (row.Note is not null) output.WriteLine($"{row.Endpoint}: {row.Note}");
            if (row.Wrk.Failed > 0) output.WriteLine($"{row.Endpoint}: {row.Wrk.Failed:N0} of {row.Wrk.Requests:N0} requests FAILED (non-2xx/3xx or socket errors)");
        }
    }

    static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
    static string Cpu(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture);
}
