using System.Diagnostics;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests;

/// <summary>What the dashboard shows of one request: one trace through every process it touched.</summary>
[Collection(StackCollection.Name)]
public class TracingTests(StackFixture stack)
{
    [Fact]
    public async Task Creating_an_organization_is_one_trace_from_the_gateway_through_the_outbox_to_reporting()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();

        // The browser's request, in a trace of its own that the gateway continues (W3C traceparent).
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations")
        {
            Content = JsonContent.Create(new { subsidiaryId = subsidiary.Id, name = "追踪党委", kind = "committee" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        await EnsureAsync(await admin.SendAsync(request), 201);

        // Reporting's consumer of OrganizationCreated is in it, under the organization service's publish from its outbox,
        // under the gRPC call the gateway made for the request. Each service exports its spans in batches of its own, so
        // the trace fills in over a few seconds.
        var spans = await EventuallyAsync(() => stack.TraceAsync(traceId),
            t => Chain(t).Any(s => s.Service == ResourceNames.Gateway && s.Kind == ActivityKind.Server), TimeSpan.FromSeconds(60));
        var chain = Chain(spans);
        chain.Select(s => (s.Service, s.Kind)).Should().ContainInOrder(
            [(ResourceNames.Reporting, ActivityKind.Consumer),
             (ResourceNames.Organization, ActivityKind.Producer),
             (ResourceNames.Organization, ActivityKind.Server),
             (ResourceNames.Gateway, ActivityKind.Server)], string.Join("; ", spans));
        chain.Should().Contain(s => s.Service == ResourceNames.Organization && s.Scope == "Alliance" && s.Name.EndsWith(" send"),
            "the outbox's publish joins the request to its consumer");
    }

    /// <summary>Reporting's span for consuming OrganizationCreated and its parents, as far as the trace holds them.</summary>
    static List<StackFixture.ExportedSpan> Chain(IReadOnlyList<StackFixture.ExportedSpan> trace)
    {
        var chain = new List<StackFixture.ExportedSpan>();
        for (var s = trace.FirstOrDefault(s => s.Service == ResourceNames.Reporting && s.Name == "reporting-organization-created process");
             s is not null; s = trace.FirstOrDefault(p => p.SpanId == s.ParentSpanId))
            chain.Add(s);
        return chain;
    }
}
