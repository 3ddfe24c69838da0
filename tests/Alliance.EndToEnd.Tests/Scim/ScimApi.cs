using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.Scim;

/// <summary>HR clients and SCIM calls as an HR system makes them.</summary>
public static class ScimApi
{
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string CoreUser = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string CoreGroup = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    public sealed record CreatedHrClient(Guid Id, string Name, Guid SubsidiaryId, DateTimeOffset CreatedAt, string CreatedBy, string Secret);
    public sealed record HrClient(Guid Id, string Name, Guid SubsidiaryId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

    public static async Task<CreatedHrClient> CreateHrClientAsync(this HttpClient admin, Guid subsidiaryId, string name = "北森 HR")
    {
        var response = await admin.PostAsJsonAsync("/api/v1/hr-clients", new { name, subsidiaryId });
        await EnsureAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<CreatedHrClient>())!;
    }

    /// <summary>A subsidiary, an HR client of it, and an HTTP client that calls SCIM with its secret.</summary>
    public static async Task<(Subsidiary Subsidiary, HttpClient Scim, CreatedHrClient Client)> ScimClientAsync(this StackFixture stack)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("人力同步企业");
        var client = await admin.CreateHrClientAsync(subsidiary.Id);
        return (subsidiary, stack.WithSecret(client.Secret), client);
    }

    public static HttpClient WithSecret(this StackFixture stack, string secret)
    {
        var http = stack.Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return http;
    }

    public static StringContent Body(object body) =>
        new(body is JsonNode node ? node.ToJsonString() : System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/scim+json");

    public static async Task<(int Status, JsonNode? Json, HttpResponseMessage Response)> SendAsync(this HttpClient scim, HttpMethod method, string path,
        object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, "/scim/v2" + path);
        if (body is not null) request.Content = Body(body);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var response = await scim.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public static async Task<JsonNode> ExpectAsync(this Task<(int Status, JsonNode? Json, HttpResponseMessage Response)> call, int status)
    {
        var (actual, json, response) = await call;
        actual.Should().Be(status, json?.ToJsonString());
        if (json is not null) response.Content.Headers.ContentType!.MediaType.Should().Be("application/scim+json");
        return json ?? new JsonObject();
    }

    /// <summary>A SCIM error of the given status and scimType; returns its detail.</summary>
    public static async Task<string> ExpectErrorAsync(this Task<(int Status, JsonNode? Json, HttpResponseMessage Response)> call, int status, string? scimType)
    {
        var json = await call.ExpectAsync(status);
        json["schemas"]![0]!.GetValue<string>().Should().Be(ErrorSchema);
        json["status"]!.GetValue<string>().Should().Be(status.ToString());
        ((string?)json["scimType"]).Should().Be(scimType);
        return (string?)json["detail"] ?? "";
    }

    public static JsonObject NewUser(string userName, string? employeeNumber = null, string? department = null, string displayName = "张三",
        string? externalId = null, bool active = true) => new()
    {
        ["schemas"] = new JsonArray(CoreUser, Enterprise),
        ["userName"] = userName,
        ["externalId"] = externalId ?? "ext-" + userName,
        ["displayName"] = displayName,
        ["name"] = new JsonObject { ["familyName"] = "张", ["givenName"] = "三" },
        ["active"] = active,
        ["title"] = "会计",
        ["emails"] = new JsonArray(new JsonObject { ["value"] = $"{userName}@work.example", ["type"] = "work", ["primary"] = true }),
        ["x-unknown"] = new JsonObject { ["kept"] = true },
        [Enterprise] = new JsonObject { ["employeeNumber"] = employeeNumber ?? "E" + userName, ["department"] = department ?? "财务部", ["organization"] = "总部" },
    };

    public static async Task<JsonNode> CreateUserAsync(this HttpClient scim, JsonObject user) =>
        await scim.SendAsync(HttpMethod.Post, "/Users", user).ExpectAsync(201);

    public static async Task<JsonNode> CreateGroupAsync(this HttpClient scim, string displayName, IEnumerable<string>? members = null) =>
        await scim.SendAsync(HttpMethod.Post, "/Groups", new JsonObject
        {
            ["schemas"] = new JsonArray(CoreGroup),
            ["displayName"] = displayName,
            ["members"] = new JsonArray((members ?? []).Select(m => (JsonNode)new JsonObject { ["value"] = m }).ToArray()),
        }).ExpectAsync(201);

    public static JsonObject Patch(params JsonObject[] operations) => new()
    {
        ["schemas"] = new JsonArray(PatchOp),
        ["Operations"] = new JsonArray(operations.Select(o => (JsonNode)o).ToArray()),
    };

    public static JsonObject Op(string op, string? path, JsonNode? value = null)
    {
        var o = new JsonObject { ["op"] = op };
        if (path is not null) o["path"] = path;
        if (value is not null) o["value"] = value;
        return o;
    }

    public static JsonArray Members(IEnumerable<string> ids) => new(ids.Select(id => (JsonNode)new JsonObject { ["value"] = id }).ToArray());

    public static string Id(this JsonNode resource) => resource["id"]!.GetValue<string>();
}
