using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Alliance.Gateway.Tests.OpenApi;

/// <summary>
/// docs/api.md and the OpenAPI document list the same operations (method and path; parameter names and query strings
/// aside), so neither can drift from the code unnoticed. In the docs an operation is written in backticks,
/// <c>`GET /api/v1/alliances/{id}`</c>, as in the tables (issue 17).
/// </summary>
public sealed partial class ApiDocumentationTests
{
    static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alliance.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Alliance.sln not found above the test binaries.");
    }

    static string Normalized(string method, string path) => $"{method.ToUpperInvariant()} {PathParameter().Replace(path.Split('?')[0], "{}")}";

    [Fact]
    public async Task Docs_api_md_and_the_OpenAPI_document_list_the_same_operations()
    {
        await using var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Development"));
        var document = JsonNode.Parse(await gateway.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var published = (from path in document["paths"]!.AsObject()
                         from operation in path.Value!.AsObject()
                         select Normalized(operation.Key, path.Key)).ToHashSet();

        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "api.md"));
        var documented = DocumentedOperation().Matches(docs).Select(m => Normalized(m.Groups["method"].Value, m.Groups["path"].Value)).ToHashSet();

        published.Should().HaveCountGreaterThan(50);
        documented.Except(published).Should().BeEmpty("docs/api.md lists only operations the gateway has");
        published.Except(documented).Should().BeEmpty("docs/api.md lists every operation of the OpenAPI document");
    }

    [GeneratedRegex(@"`(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/api/[^`\s]*)`")]
    private static partial Regex DocumentedOperation();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex PathParameter();
}
