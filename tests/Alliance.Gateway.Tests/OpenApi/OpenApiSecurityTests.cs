using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Alliance.Gateway.Tests.OpenApi;

/// <summary>
/// The OpenAPI document tells a client which operations need a token, and it tells the truth: every operation called
/// without one answers 401 exactly where the document asks for the bearer scheme (issue 17).
/// </summary>
public sealed partial class OpenApiSecurityTests : IAsyncLifetime
{
    readonly WebApplicationFactory<Program> _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Development"));
    JsonObject _document = null!;

    public async Task InitializeAsync() =>
        _document = (JsonObject)JsonNode.Parse(await _gateway.CreateClient().GetStringAsync("/openapi/v1.json"))!;

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    /// <summary>Every operation: method, path and whether its security asks for a token (null: it says nothing).</summary>
    IEnumerable<(string Method, string Path, bool? NeedsToken)> Operations() =>
        from path in _document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        select (operation.Key.ToUpperInvariant(), path.Key, NeedsToken(operation.Value!["security"]));

    static bool? NeedsToken(JsonNode? security) => security switch
    {
        null => null,
        JsonArray requirements when requirements.Count == 0 || requirements.Any(r => r is JsonObject { Count: 0 }) => false,
        JsonArray requirements => requirements.All(r => r is JsonObject o && o.ContainsKey("Bearer")) ? true : null,
        _ => null,
    };

    [Fact]
    public void The_bearer_scheme_is_described()
    {
        var scheme = _document["components"]!["securitySchemes"]!["Bearer"]!;
        scheme["type"]!.GetValue<string>().Should().Be("http");
        scheme["scheme"]!.GetValue<string>().Should().Be("bearer");
    }

    [Fact]
    public void Every_operation_says_whether_it_needs_a_token_and_the_anonymous_ones_say_none()
    {
        var operations = Operations().ToList();
        operations.Should().HaveCountGreaterThan(50);
        operations.Where(o => o.NeedsToken is null).Should().BeEmpty("every operation carries either the bearer scheme or an empty requirement");
        operations.Where(o => o.NeedsToken == false).Select(o => $"{o.Method} {o.Path}")
            .Should().BeEquivalentTo("POST /api/dev/token", "GET /api/v1/organization-imports/template.csv",
                "GET /api/v1/calendar-feeds/{token}.ics"); // a calendar app sends no token: the link is the credential (ADR 32)
    }

    [Fact]
    public async Task Called_without_a_token_each_operation_is_a_401_exactly_where_the_document_says_a_token_is_needed()
    {
        var client = _gateway.CreateClient();
        var wrong = new List<string>();
        foreach (var (method, path, needsToken) in Operations())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), PathParameter().Replace(path, p => p.Value == "{year}" ? "2026" : Guid.NewGuid().ToString()));
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);
            var unauthorized = response.StatusCode == HttpStatusCode.Unauthorized;
            if (unauthorized != (needsToken == true)) wrong.Add($"{method} {path}: {(int)response.StatusCode}, document says token needed: {needsToken}");
        }
        wrong.Should().BeEmpty();
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
