// Starts the whole of Alliance through the Aspire AppHost (BenchStack) (real PostgreSQL, RabbitMQ, Redis, the services and the
// gateway, no demo data), bulk-creates a group of organizations and members through the organization service's gRPC API
// with several concurrent callers (the creation rate), waits until reporting has counted them, then measures the read
// paths through the gateway with a development token: p50/p99/max for one client and for several at once.
// Usage: dotnet run -c Release --project bench/Alliance.Bench.Organization [-- organizations members requests callers]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Alliance.Bench;
using Alliance.Bench.Organization;
using Grpc.Net.Client;
using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Grpc;

var organizations = Arg(0, 5_000);
var members = Arg(1, 100_000);
var requests = Arg(2, 1_000);
var callers = Arg(3, 8);
const int Subsidiaries = 10;

Console.WriteLine($"{organizations:N0} organizations, {members:N0} members in {Subsidiaries} subsidiaries; {requests:N0} requests a measurement; " +
    $"{callers} concurrent callers; {Environment.ProcessorCount} cores");
var started = Stopwatch.StartNew();
await using var app = await BenchStack.StartAsync(TimeSpan.FromMinutes(6));
Console.WriteLine($"stack healthy after {started.Elapsed.TotalSeconds:0} s");

using var channel = GrpcChannel.ForAddress(app.Endpoint(ResourceNames.Organization).ToString());
var grpc = new GroupAdminClients(channel);

// ---- bulk creation through gRPC
var group = await BulkCreation.CreateOrganizationsAsync(grpc, Subsidiaries, organizations / Subsidiaries, callers);
Console.WriteLine($"created {group.Organizations:N0} organizations in {group.Elapsed.TotalSeconds:0.0} s: {group.Organizations / group.Elapsed.TotalSeconds:N0} organizations/s");
var people = await BulkCreation.CreateMembersAsync(grpc, group, members, callers);
Console.WriteLine($"registered and joined {members:N0} members in {people.TotalSeconds:0.0} s: {members / people.TotalSeconds:N0} people/s (2 calls each)");

// ---- reads through the gateway
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = app.Endpoint(ResourceNames.Gateway), Timeout = TimeSpan.FromSeconds(60) };
var token = await http.PostAsJsonAsync("/api/dev/token", new { role = Roles.GroupAdmin, userName = "bench" });
token.EnsureSuccessStatusCode();
var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

var caughtUp = Stopwatch.StartNew();
await Reads.WaitForReportingAsync(http, group, members / Subsidiaries);
Console.WriteLine($"reporting counted everything {caughtUp.Elapsed.TotalSeconds:0} s after the last write");

var s0 = group.SubsidiaryIds[0];
var random = new Random(7);
var path = await http.GetAsync($"/api/v1/organizations/{group.Deepest}/path");
// GET /organizations/{id}/path comes with another branch (history); until then the node itself is read.
var hasPath = path.IsSuccessStatusCode;
(string Name, Func<string> Url)[] scenarios =
[
    ($"subtree of a subsidiary's committee ({group.RootSubtree} below it), first page of 200 + total", () => $"/api/v1/subsidiaries/{s0}/organizations?subtreeOf={group.Roots[0]}&pageSize=200"),
    ($"subtree of a second-level committee ({group.CommitteeSubtree} below it), whole", () => $"/api/v1/subsidiaries/{s0}/organizations?subtreeOf={group.Committee}&pageSize=200"),
    (hasPath ? "path (ancestors) of a deepest node" : "one deepest node (GET /organizations/{id}; /path not on this branch)",
        () => hasPath ? $"/api/v1/organizations/{group.Deepest}/path" : $"/api/v1/organizations/{group.Deepest}"),
    ("organization list, a random page of 20", () => $"/api/v1/subsidiaries/{s0}/organizations?page={random.Next(1, organizations / Subsidiaries / 20 + 1)}&pageSize=20"),
    ("member counts per organization (reporting)", () => $"/api/v1/dashboard/subsidiaries/{s0}/members"),
    ("subsidiary dashboard counts (reporting)", () => $"/api/v1/dashboard/subsidiaries/{s0}"),
];

Console.WriteLine();
Console.WriteLine($"| through the gateway (HTTP/1.1, JWT) | clients | requests | p50 ms | p99 ms | max ms | req/s |");
Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|");
foreach (var (name, url) in scenarios)
    foreach (var clients in new[] { 1, 4 })
    {
        var r = await Reads.MeasureAsync(http, url, requests, clients);
        Console.WriteLine($"| {name} | {clients} | {requests:N0} | {r.P50:0.0} | {r.P99:0.0} | {r.Max:0.0} | {r.Rate:N0} |");
    }
Console.WriteLine();
Console.WriteLine($"total {started.Elapsed.TotalMinutes:0.0} min");
return 0;

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
