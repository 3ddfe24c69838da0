using System.Net.Http.Json;

namespace Alliance.EndToEnd.Tests;

/// <summary>The gateway's REST shapes as a client sees them, and small helpers to call it.</summary>
public static class Api
{
    public sealed record Subsidiary(Guid Id, string Code, string Name, DateTimeOffset CreatedAt);
    public sealed record Organization(Guid Id, Guid SubsidiaryId, Guid? ParentId, string Name, string Kind, string Path, DateTimeOffset CreatedAt, long Version);
    public sealed record PagedList<T>(List<T> Items, int Total, int Page, int PageSize);
    public sealed record SubsidiaryCounts(Guid SubsidiaryId, string Name, int Organizations, int Committees, int GeneralBranches, int Branches, int Groups);
    public sealed record GroupDashboard(int Subsidiaries, int Organizations, List<SubsidiaryCounts> PerSubsidiary);
    public sealed record Problem(string? Type, string? Title, int Status, string? Detail, Dictionary<string, string[]>? Errors, string? TraceId);

    static int _codes;

    public static string NewCode(string prefix = "S") => $"{prefix}{Environment.ProcessId % 1000}-{Interlocked.Increment(ref _codes)}-{Guid.NewGuid().ToString("N")[..6]}";

    public static async Task<Subsidiary> CreateSubsidiaryAsync(this HttpClient client, string? name = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/subsidiaries", new { code = NewCode(), name = name ?? "测试企业" });
        await EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<Subsidiary>())!;
    }

    public static async Task<Organization> CreateOrganizationAsync(this HttpClient client, Guid subsidiaryId, string kind, Guid? parentId = null, string name = "测试党组织")
    {
        var response = await client.PostAsJsonAsync("/api/v1/organizations", new { subsidiaryId, parentId, name, kind });
        await EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<Organization>())!;
    }

    public static async Task<PagedList<Organization>> ListOrganizationsAsync(this HttpClient client, Guid subsidiaryId)
    {
        var response = await client.GetAsync($"/api/v1/subsidiaries/{subsidiaryId}/organizations?pageSize=200");
        await EnsureAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<PagedList<Organization>>())!;
    }

    public static async Task<Problem> ProblemAsync(this HttpResponseMessage response, int expectedStatus)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(expectedStatus, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        return System.Text.Json.JsonSerializer.Deserialize<Problem>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }

    public static async Task EnsureAsync(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
            throw new Xunit.Sdk.XunitException($"Expected {status} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Polls until the condition holds, within a bound: the dashboard is eventually consistent.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? bound = null)
    {
        var deadline = DateTime.UtcNow + (bound ?? TimeSpan.FromSeconds(20));
        T value;
        while (!condition(value = await read()))
        {
            if (DateTime.UtcNow > deadline) return value;
            await Task.Delay(100);
        }
        return value;
    }
}
