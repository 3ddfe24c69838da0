using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Alliance.Contracts;
using Npgsql;

namespace Alliance.Bench.RequestCost;

/// <summary>The REST calls the bench makes besides the measured ones: sign in, pick a subsidiary, create an HR client.</summary>
sealed class Gateway(Uri baseAddress) : IDisposable
{
    readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public string Authorization => _http.DefaultRequestHeaders.Authorization!.ToString();

    /// <summary>A group admin's development token (POST /api/dev/token), used by the bench and sent by wrk.</summary>
    public async Task SignInAsync(CancellationToken ct)
    {
        var token = await PostAsync("/api/dev/token", new { role = Roles.GroupAdmin, userName = "request-cost-bench" }, ct);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
    }

    /// <summary>Until the group dashboard (reporting) shows organizations and their number has not changed for three
    /// seconds: the demo data's events have reached reporting.</summary>
    public async Task WaitForDemoDataAsync(TimeSpan bound, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + bound;
        var last = -1;
        var steady = System.Diagnostics.Stopwatch.StartNew();
        while (DateTime.UtcNow < deadline)
        {
            var organizations = (await _http.GetFromJsonAsync<JsonElement>("/api/v1/dashboard/", ct)).GetProperty("organizations").GetInt32();
            if (organizations != last) { last = organizations; steady.Restart(); }
            if (organizations > 0 && steady.Elapsed > TimeSpan.FromSeconds(3)) return;
            await Task.Delay(250, ct);
        }
        throw new InvalidOperationException($"the group dashboard did not settle within {bound.TotalSeconds:0} s (organizations: {last})");
    }

    /// <summary>The subsidiary with the most organizations, from the group dashboard.</summary>
    public async Task<(Guid Id, string Name, int Organizations)> LargestSubsidiaryAsync(CancellationToken ct)
    {
        var dashboard = await _http.GetFromJsonAsync<JsonElement>("/api/v1/dashboard/", ct);
        var largest = dashboard.GetProperty("perSubsidiary").EnumerateArray().MaxBy(s => s.GetProperty("organizations").GetInt32());
        return (largest.GetProperty("subsidiaryId").GetGuid(), largest.GetProperty("name").GetString()!, largest.GetProperty("organizations").GetInt32());
    }

    /// <summary>An HR client credential for the subsidiary (POST /api/v1/hr-clients): the SCIM Authorization header.</summary>
    public async Task<string> CreateHrClientAsync(Guid subsidiaryId, CancellationToken ct)
    {
        var client = await PostAsync("/api/v1/hr-clients", new { name = "request-cost bench", subsidiaryId }, ct);
        return "Bearer " + client.GetProperty("secret").GetString();
    }

    async Task<JsonElement> PostAsync(string path, object body, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync(path, body, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>How many people of a subsidiary reporting has projected (its <c>person_views</c>): a SCIM create is through the
/// broker to reporting once its person is counted here. No gateway endpoint exposes this count, so it is read from
/// reporting's database.</summary>
sealed class ReportingPeople(string connectionString, Guid? subsidiaryId = null) : IAsyncDisposable
{
    readonly NpgsqlDataSource _db = NpgsqlDataSource.Create(connectionString);

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var count = _db.CreateCommand("SELECT count(*) FROM person_views WHERE $1::uuid IS NULL OR subsidiary_id = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = (object?)subsidiaryId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Polls (every 100 ms) until at least <paramref name="target"/> and unchanged for <paramref name="steadyFor"/>
    /// (default half a second), or the bound passes. Returns the last count and whether it got there.</summary>
    public async Task<(long Count, bool Reached)> WaitForAsync(long target, TimeSpan bound, CancellationToken ct, TimeSpan? steadyFor = null)
    {
        var deadline = DateTime.UtcNow + bound;
        long last = -1;
        var steady = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var count = await CountAsync(ct);
            if (count != last) { last = count; steady.Restart(); }
            if (count >= target && steady.Elapsed >= (steadyFor ?? TimeSpan.FromMilliseconds(500))) return (count, true);
            if (DateTime.UtcNow > deadline) return (count, false);
            await Task.Delay(100, ct);
        }
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
