using System.Net.Http.Headers;
using System.Net.Http.Json;
using Alliance.AppHost.Hosting;
using Alliance.Contracts;

namespace Alliance.EndToEnd.Tests;

/// <summary>
/// The whole of Alliance started once for the end-to-end tests through the AppHost's test entry: real PostgreSQL,
/// RabbitMQ and Redis, the four services (reporting at 2 replicas) and the gateway, without demo data.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public DistributedApplication App { get; private set; } = null!;
    public Uri Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await DistributedApplicationTestingBuilder.StartAsync(o => o.DemoData = false);
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await App.WaitForAllHealthyAsync(bound.Token);
        }
        catch (Exception e)
        {
            var states = App.DescribeUnhealthy();
            await App.DisposeAsync();
            throw new InvalidOperationException($"The stack did not become healthy:\n{states}", e);
        }
        Gateway = App.GetEndpoint(ResourceNames.Gateway);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

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
