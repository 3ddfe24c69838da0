using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Alliance.AppHost.Hosting;
using Alliance.Contracts;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.EndToEnd.Tests;

/// <summary>
/// The whole of Alliance started once for the end-to-end tests through the Aspire AppHost (Aspire.Hosting.Testing): real
/// PostgreSQL, RabbitMQ and Redis, the four services (reporting as two instances) and the gateway, without demo data,
/// with throw-away data in a temporary folder; and Aspire's dashboard, to which every service exports its telemetry.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), "alliance-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    public const int CheckInCodeStepSeconds = 15;

    public DistributedApplication App { get; private set; } = null!;
    public Uri Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Alliance_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true }, ["--no-demo-data", "--data-dir", _dataDir], bound.Token);
        // Check-in codes rotate every 15 s here (60 s by default), so a test sees a code go stale within a bound (ADR 32).
        var activity = builder.Resources.OfType<IResourceWithEnvironment>().Single(r => r.Name == ResourceNames.Activity);
        builder.CreateResourceBuilder(activity).WithEnvironment("Attendance__CodeStepSeconds", CheckInCodeStepSeconds.ToString());
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

    /// <summary>
    /// The spans of one trace as the dashboard holds them (its telemetry API, in OTLP JSON), each with the service that
    /// exported it; none while the dashboard knows no such trace.
    /// </summary>
    public async Task<IReadOnlyList<ExportedSpan>> TraceAsync(ActivityTraceId traceId)
    {
        var login = await App.GetDashboardUrlAsync();
        using var dashboard = new HttpClient { BaseAddress = new Uri(login.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromSeconds(10) };
        // The telemetry API asks for the AppHost's key when the dashboard is secured (as under Aspire.Hosting.Testing).
        if (App.Services.GetRequiredService<IConfiguration>()["AppHost:DashboardApiKey"] is { Length: > 0 } key)
            dashboard.DefaultRequestHeaders.Add("x-api-key", key);
        var response = await dashboard.GetAsync($"/api/telemetry/traces/{traceId}");
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        await Api.EnsureAsync(response, 200);
        var trace = (await response.Content.ReadFromJsonAsync<OtlpTrace>())!;
        return [.. from resource in trace.Data.ResourceSpans
                   let service = resource.Resource.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value.StringValue
                   from scope in resource.ScopeSpans
                   from span in scope.Spans
                   select new ExportedSpan(service ?? "", scope.Scope.Name, span.Name, (ActivityKind)(span.Kind - 1), span.SpanId, span.ParentSpanId)];
    }

    /// <summary>A span as a service exported it. Kind as in .NET (OTLP counts from 1, for internal).</summary>
    public sealed record ExportedSpan(string Service, string Scope, string Name, ActivityKind Kind, string SpanId, string? ParentSpanId);

    sealed record OtlpTrace(OtlpData Data);
    sealed record OtlpData(List<OtlpResourceSpans> ResourceSpans);
    sealed record OtlpResourceSpans(OtlpResource Resource, List<OtlpScopeSpans> ScopeSpans);
    sealed record OtlpResource(List<OtlpAttribute> Attributes);
    sealed record OtlpAttribute(string Key, OtlpValue Value);
    sealed record OtlpValue(string? StringValue);
    sealed record OtlpScopeSpans(OtlpScope Scope, List<OtlpSpan> Spans);
    sealed record OtlpScope(string Name);
    sealed record OtlpSpan(string SpanId, string? ParentSpanId, string Name, int Kind);
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}
