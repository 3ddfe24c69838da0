using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alliance.Testing;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.HrConnectors;

public static class HrConnectorApi
{
    public sealed record HrConnector(Guid Id, Guid SubsidiaryId, string Name, JsonObject Definition, bool HasSecret, int IntervalSeconds, bool Enabled,
        string? Cursor, DateTimeOffset? LastRunAt, string? LastRunStatus, string? LastRunError, int LastRunCreated, int LastRunUpdated,
        int LastRunDeactivated, int LastRunPages, long Version);

    /// <summary>A Beisen-style definition for the fake HR system (docs/api.md, "HR connectors").</summary>
    public static JsonObject BeisenDefinition(string baseUrl) => new()
    {
        ["baseUrl"] = baseUrl, ["listPath"] = "/employees", ["auth"] = new JsonObject { ["kind"] = "bearer" },
        ["cursorMode"] = "updatedSince", ["cursorParameter"] = "startTime", ["pageSizeParameter"] = "capacity", ["pageSize"] = 2,
        ["itemsPath"] = "data.list",
        ["fields"] = new JsonObject
        {
            ["employeeNumber"] = "jobNumber", ["externalId"] = "userID", ["name"] = "name", ["department"] = "oIdDepartmentName",
            ["position"] = "jobPostName", ["active"] = "employeeStatus", ["activeValues"] = new JsonObject { ["1"] = true, ["8"] = false },
            ["updatedAt"] = "modifiedTime", ["dateFormat"] = "yyyy-MM-dd HH:mm:ss",
        },
    };

    public static FakeHrSystem WithEmployees(this FakeHrSystem hr, params FakeHrSystem.Employee[] employees)
    {
        lock (hr.Employees) hr.Employees.AddRange(employees);
        return hr;
    }

    public static async Task<HrConnector> CreateHrConnectorAsync(this HttpClient admin, Guid subsidiaryId, FakeHrSystem hr, string name = "北森人事")
    {
        var response = await admin.PostAsJsonAsync("/api/v1/hr-connectors", new
        {
            subsidiaryId, name, definition = BeisenDefinition(hr.BaseUrl), secret = hr.Token, intervalSeconds = 3600, enabled = true,
        });
        await EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<HrConnector>())!;
    }
}
