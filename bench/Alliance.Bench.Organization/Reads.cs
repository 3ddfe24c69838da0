using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Alliance.Bench.Organization;

readonly record struct Latency(double P50, double P99, double Max, double Rate);

static class Reads
{
    const int WarmUp = 100;

    /// <summary>Waits until reporting's dashboard counts every organization and member of every subsidiary.</summary>
    public static async Task WaitForReportingAsync(HttpClient http, BenchGroup group, int membersPerSubsidiary)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var done = 0;
            long organizations = 0, members = 0;
            foreach (var s in group.SubsidiaryIds)
            {
                var dashboard = await http.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/subsidiaries/{s}");
                var counts = await http.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/subsidiaries/{s}/members");
                var o = dashboard.GetProperty("organizations").GetInt32();
                var m = counts.GetProperty("full").GetInt32();
                organizations += o;
                members += m;
                if (o == group.PerSubsidiary && m == membersPerSubsidiary) done++;
            }
            if (done == group.SubsidiaryIds.Count) return;
            if (deadline.Elapsed > TimeSpan.FromMinutes(20)) throw new TimeoutException($"reporting counted {organizations} organizations and {members} members only");
            Console.WriteLine($"  reporting so far: {organizations:N0} organizations, {members:N0} members");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Warm-up, then <paramref name="requests"/> GETs shared by <paramref name="clients"/> clients, each one after another.</summary>
    public static async Task<Latency> MeasureAsync(HttpClient http, Func<string> url, int requests, int clients)
    {
        for (var i = 0; i < WarmUp; i++) await GetAsync(http, url());
        var millis = new double[requests];
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                var one = Stopwatch.GetTimestamp();
                await GetAsync(http, url());
                millis[i] = Stopwatch.GetElapsedTime(one).TotalMilliseconds;
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        Array.Sort(millis);
        return new Latency(millis[requests / 2], millis[Math.Min(requests - 1, (int)(requests * 0.99))], millis[^1], requests / elapsed);
    }

    static async Task GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
