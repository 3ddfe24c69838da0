using System.Net.Http.Headers;
using System.Net.Http.Json;
using Alliance.AppHost.Hosting;
using Alliance.Contracts;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Alliance.EndToEnd.Tests;

/// <summary>
/// The whole of Alliance started once for the end-to-end tests through the Aspire AppHost (Aspire.Hosting.Testing): real
/// PostgreSQL, RabbitMQ and Redis, the four services (reporting as two instances) and the gateway, without demo data,
/// with throw-away data in a temporary folder.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), "alliance-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    public DistributedApplication App { get; private set; } = null!;
    public Uri Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Alliance_AppHost>(
            ["--no-demo-data", "--data-dir", _dataDir], bound.Token);
        App = await builder.BuildAsync(bound.Token);
        try
        {
            await App.StartAsync(bound.Token);
            await App.WaitForEverythingAsync(bound.Token);
        }
        catch (Exception e)
        {
            await DisposeAsync();
            throw new InvalidOperationException("The stack did not become healthy.", e);
        }
        Gateway = App.Endpoint(ResourceNames.Gateway);
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public HttpClient Anonymous() => new() { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client signed in through the development issuer with the given role.</summary>
    public async Task<HttpClient> SignedInAsync(string role, Guid? subsidiaryId = null, string? userName = null)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/dev/token", new { role, subsidiaryId, userName = userName ?? role });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}
