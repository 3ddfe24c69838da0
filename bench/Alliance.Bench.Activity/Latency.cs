using System.Diagnostics;

namespace Alliance.Bench.Activity;

/// <param name="Failed">Requests answered with an error (e.g. 504: a service did not answer within the gateway's 10 s
/// deadline); their time counts in the percentiles as it was measured.</param>
sealed record Latency(int Requests, double P50, double P99, double Max, int Failed = 0);

/// <summary>
/// Board reads through the gateway, one client: "cold" is the first request of each distinct query (nothing of it cached
/// anywhere yet but PostgreSQL's buffers), "warm" the same queries again, several times each, in turn.
/// </summary>
static class Boards
{
    public static async Task<(Latency Cold, Latency Warm)> MeasureAsync(HttpClient http, IReadOnlyList<string> urls, int repeats)
    {
        var cold = new List<double>(urls.Count);
        var coldFailed = 0;
        foreach (var url in urls) cold.Add(await TimeAsync(http, url, () => coldFailed++));
        var warm = new List<double>(urls.Count * repeats);
        var warmFailed = 0;
        for (var r = 0; r < repeats; r++)
            foreach (var url in urls) warm.Add(await TimeAsync(http, url, () => warmFailed++));
        return (Summary(cold, coldFailed), Summary(warm, warmFailed));
    }

    static async Task<double> TimeAsync(HttpClient http, string url, Action failed)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            failed();
            Console.WriteLine($"  GET {url}: {(int)response.StatusCode} after {elapsed:N0} ms");
        }
        return elapsed;
    }

    public static Latency Summary(List<double> ms, int failed = 0)
    {
        ms.Sort();
        double At(double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        return new Latency(ms.Count, At(0.5), At(0.99), ms[^1], failed);
    }
}
