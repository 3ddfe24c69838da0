using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Alliance.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Alliance.Gateway.Tests.Validation;

/// <summary>
/// The gateway refuses control characters at its edge, before any service is called: these run without the services
/// behind it, so an answer other than the 400 would mean the request went on (issue 17).
/// </summary>
public sealed class ControlCharacterEdgeTests : IAsyncLifetime
{
    readonly WebApplicationFactory<Program> _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Development"));
    HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _admin = _gateway.CreateClient();
        var token = await _admin.PostAsJsonAsync("/api/dev/token", new { role = "group-admin" });
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return (JsonObject)JsonNode.Parse(body)!;
    }

    static string[] Messages(JsonObject problem, string field) =>
        problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();

    [Theory]
    [InlineData("/api/v1/subsidiaries?search=%00", "search")]
    [InlineData("/api/v1/alliances?page=1&theme=%E5%9F%8E%01", "theme")]
    [InlineData("/api/v1/people/00000000-0000-0000-0000-000000000001?x=%7F", "x")]
    [InlineData("/api/v1/x%01y", "rest")]
    public async Task A_query_or_route_value_with_a_control_character_is_a_400_problem_naming_it(string url, string field)
    {
        var problem = await ProblemAsync(await _admin.GetAsync(url));
        Messages(problem, field).Should().Equal(ControlCharacters.Message);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        problem["traceId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("""{"subsidiaryId":"00000000-0000-0000-0000-000000000001","name":"党委\u0000","kind":"committee"}""", "name")]
    [InlineData("""{"first":{"external":{"kind":"bank","name":"银行\u001b"}},"second":{"organizationId":"00000000-0000-0000-0000-000000000001"}}""", "first.external.name")]
    [InlineData("""{"order":["a"],"notes":["ok","\u0085"]}""", "notes[1]")]
    public async Task A_JSON_body_with_a_control_character_is_a_400_problem_naming_the_path(string json, string field)
    {
        var response = await _admin.PostAsync("/api/v1/organizations", new StringContent(json, Encoding.UTF8, "application/json"));
        Messages(await ProblemAsync(response), field).Should().Equal(ControlCharacters.Message);
    }

    [Fact]
    public async Task Tab_CR_and_LF_pass_the_edge()
    {
        var anonymous = _gateway.CreateClient();
        var response = await anonymous.PostAsync("/api/dev/token",
            new StringContent("""{"role":"group-admin","userName":"张\t三\r\n"}""", Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_JSON_is_still_reported_by_the_endpoint()
    {
        var response = await _admin.PostAsync("/api/v1/organizations", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("control characters");
    }

    [Fact]
    public async Task A_body_the_edge_read_is_still_read_whole_by_the_endpoint()
    {
        // The dev token endpoint answers from the body alone: the edge must leave it readable from the start.
        var anonymous = _gateway.CreateClient();
        var response = await anonymous.PostAsync("/api/dev/token",
            new StringContent("""{"role":"subsidiary-admin"}""", Encoding.UTF8, "application/json"));
        var problem = await ProblemAsync(response);
        problem["errors"]!["subsidiaryId"].Should().NotBeNull();
    }

    [Fact]
    public async Task An_anonymous_caller_gets_a_401_before_the_edge_reads_anything()
    {
        var response = await _gateway.CreateClient().GetAsync("/api/v1/subsidiaries?search=%00");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
