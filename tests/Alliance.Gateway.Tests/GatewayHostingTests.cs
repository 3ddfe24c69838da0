using System.Net;
using System.Net.Http.Json;
using Alliance.Gateway.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Alliance.Gateway.Tests;

/// <summary>How the gateway behaves as a host, without the services behind it.</summary>
public class GatewayHostingTests
{
    static WebApplicationFactory<Program> Gateway(string environment, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    [Fact]
    public async Task Outside_development_the_token_endpoint_does_not_exist()
    {
        await using var gateway = Gateway("Production", ("Auth:Authority", "https://login.example.invalid/realms/alliance"));
        var response = await gateway.CreateClient().PostAsJsonAsync("/api/dev/token", new { role = "group-admin" });
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Outside_development_the_gateway_refuses_to_start_without_an_OIDC_authority()
    {
        using var gateway = Gateway("Production");
        var act = () => gateway.CreateClient();
        act.Should().Throw<InvalidOperationException>().WithMessage("*Auth:Authority*");
    }

    [Fact]
    public async Task An_unknown_API_path_is_a_404_problem_and_not_the_console()
    {
        await using var gateway = Gateway("Development");
        var response = await gateway.CreateClient().GetAsync("/api/v1/nothing-here");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("zh-CN", "未找到。")]
    [InlineData("en-US", "Not found.")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.5", "未找到。")]
    public async Task Problem_titles_follow_the_callers_language(string acceptLanguage, string title)
    {
        await using var gateway = Gateway("Development");
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        var response = await client.GetAsync("/api/v1/nothing-here");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["title"]!.GetValue<string>().Should().Be(title);
        body["detail"]!.GetValue<string>().Should().Be("No such API endpoint.");
    }

    [Fact]
    public async Task A_console_route_is_served_the_console_page()
    {
        await using var gateway = Gateway("Development");
        var response = await gateway.CreateClient().GetAsync("/subsidiaries/123");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("<html");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, 400)]
    [InlineData(StatusCode.Unauthenticated, 401)]
    [InlineData(StatusCode.PermissionDenied, 403)]
    [InlineData(StatusCode.NotFound, 404)]
    [InlineData(StatusCode.AlreadyExists, 409)]
    [InlineData(StatusCode.FailedPrecondition, 409)]
    [InlineData(StatusCode.Aborted, 409)]
    [InlineData(StatusCode.Unavailable, 503)]
    [InlineData(StatusCode.DeadlineExceeded, 504)]
    [InlineData(StatusCode.Internal, 500)]
    public void A_service_status_maps_to_its_HTTP_status(StatusCode code, int http) =>
        GrpcProblemMapping.ToHttpStatus(code).Should().Be(http);
}
