using System.Diagnostics;

namespace Alliance.Bench.Activity;

sealed record Latency(int Requests, double P50, double P99, double Max);

/// <summary>
/// Board reads through the gateway, one client: "cold" is the first request of each distinct query (nothing of it cached
/// anywhere yet but PostgreSQL's buffers), "warm" the same queries again, several times each, in turn.
/// </summary>
static class Boards
{
    public static async Task<(Latency Cold, Latency Warm)> MeasureAsync(HttpClient http, IReadOnlyList<string> urls, int repeats)
    {
        var cold = new List<double>(urls.Count);
        foreach (var url in urls) cold.Add(await TimeAsync(http, url));
        var warm = new List<double>(urls.Count * repeats);
        for (var r = 0; r < repeats; r++)
            foreach (var url in urls) warm.Add(await TimeAsync(http, url));
        return (Summary(cold), Summary(warm));
    }

    static async Task<double> TimeAsync(HttpClient http, string url)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        return elapsed;
    }

    public static Latency Summary(List<double> ms)
    {
        ms.Sort();
        double At(double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        return new Latency(ms.Count, At(0.5), At(0.99), ms[^1]);
    }
}
