// Starts the whole of Alliance through the Aspire AppHost (BenchStack) (real PostgreSQL, RabbitMQ, Redis, the services and the
// gateway, no demo data), makes the reference group's 5,000 organizations with the organization bench's generator (gRPC),
// and a type of the sixth measure through the gateway, then:
//   1. the activity history (1,000,000 activities, 10,000,000 check-ins at scale 1) a batch at a time; a share of the
//      batches written twice: by binary COPY into tables shaped like the service's (the raw part) and through the
//      service's EF Core model into its own tables (the product's path): time of each, ratio raw/product (target ≥ 0.2);
//   2. joint meetings and decision items (Supervision.cs);
//   3. the organization-life board of each subsidiary (the group's 5,000 organizations in ten boards) and the supervision
//      board through the gateway as a group administrator: p50/p99/max cold (first request of each distinct query) and warm
//      (targets p99 ≤ 100 ms cold, ≤ 10 ms warm); where the time goes (activity service alone, the organization service's
//      part, the compliance SQL alone with its plan); CPU per request in Alliance's own processes.
// The EF Core path writes about 3,000 rows/s on the shared 2 cores (over an hour for the full history), so only the first
// `measured` share of the batches is written both ways and compared; the rest is COPYed straight into the service's tables,
// so the boards still read the whole history.
// Usage: dotnet run -c Release --project bench/Alliance.Bench.Activity [-- scale [measured [repeats]]]   (default 1 0.1 3)
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Alliance.Activity.ActivityTypes;
using Alliance.Bench;
using Alliance.Bench.Activity;
using Alliance.Bench.Organization;
using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;

var scale = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1.0;
var measured = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.1;
var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
const int Organizations = 5_000, Subsidiaries = 10, BatchSize = 5_000;
var activities = (int)Math.Round(1_000_000 * scale);
var checkIns = (long)Math.Round(10_000_000 * scale);
Console.WriteLine($"activity history at scale {scale}: {Organizations:N0} organizations in {Subsidiaries} subsidiaries, {activities:N0} activities, " +
    $"{checkIns:N0} check-ins; batches of {BatchSize:N0} activities; {Environment.ProcessorCount} cores; {DateTimeOffset.UtcNow:u}");
var started = Stopwatch.StartNew();
await using var app = await BenchStack.StartAsync(TimeSpan.FromMinutes(6));
Console.WriteLine($"stack healthy after {started.Elapsed.TotalSeconds:0} s");

// ---- the reference group's organizations (the organization bench's generator) and their kinds
using var channel = GrpcChannel.ForAddress(app.Endpoint(ResourceNames.Organization).ToString());
var grpc = new GroupAdminClients(channel);
var group = await BulkCreation.CreateOrganizationsAsync(grpc, Subsidiaries, Organizations / Subsidiaries, callers: 8);
Console.WriteLine($"created {group.Organizations:N0} organizations in {group.Elapsed.TotalSeconds:0.0} s");
var units = new List<PartyOrganization>();
for (var s = 0; s < group.SubsidiaryIds.Count; s++)
    for (var page = 1; ; page++)
    {
        var list = await grpc.Organizations.ListOrganizationsAsync(new ListOrganizationsRequest { SubsidiaryId = group.SubsidiaryIds[s], Page = page, PageSize = 200 });
        units.AddRange(list.Items.Select(o => new PartyOrganization(Guid.Parse(o.Id), Guid.Parse(o.SubsidiaryId), s, o.Name, o.Kind switch
        {
            OrganizationKind.Committee => "committee",
            OrganizationKind.GeneralBranch => "general-branch",
            OrganizationKind.Branch => "branch",
            _ => null,
        })));
        if (list.Items.Count == 0 || units.Count(u => u.Subsidiary == s) >= list.Total) break;
    }
Console.WriteLine($"{units.Count:N0} organizations: " + string.Join(", ", units.GroupBy(u => u.Kind ?? "group").Select(g => $"{g.Count():N0} {g.Key}")));

// ---- the group administrator at the gateway: a type of the sixth measure (底线联守)
using var http = new HttpClient { BaseAddress = app.Endpoint(ResourceNames.Gateway), Timeout = TimeSpan.FromSeconds(120) };
var token = await http.PostAsJsonAsync("/api/dev/token", new { role = Roles.GroupAdmin, userName = "bench" });
token.EnsureSuccessStatusCode();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
    (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
await PostAsync("/api/v1/activity-types", new { code = "warning-education", nameZh = "警示教育", nameEn = "Warning education", measure = "integrity" });
var connectionString = await app.ConnectionStringAsync(ResourceNames.Databases.Activity);
await using var load = new Load(connectionString);
List<ActivityType> types;
await using (var db = load.NewContext()) types = await db.ActivityTypes.AsNoTracking().ToListAsync();
ActivityType Type(string code) => types.Single(t => t.Code == code);
string[] lifeCodes = ["branch-committee", "branch-assembly", "group-meeting", "party-lesson", "committee-meeting"];
var lifeTypes = lifeCodes.Select(Type).ToList();
var jointTypes = types.Where(t => !lifeCodes.Contains(t.Code)).ToList();
Console.WriteLine($"types: {jointTypes.Count} joint over {jointTypes.Select(t => t.Measure).Distinct().Count()} measures, {lifeTypes.Count} of organization life");
// The group's default meeting rules (三会一课, seeded by the service's migration) decide the boards.

// ---- 1. the history: each batch by COPY (raw) and through the service's model (product)
var today = DateTimeOffset.UtcNow;
var history = new History(units, jointTypes, lifeTypes, activities, checkIns, BatchSize, today);
var compared = Math.Max(1, (int)Math.Round(history.Batches * measured));
Console.WriteLine($"{history.Batches:N0} batches: the first {compared:N0} both ways, the rest by COPY into the service's tables");
await load.PrepareRawTablesAsync();
var generating = TimeSpan.Zero;
long rows = 0, restRows = 0;
var loading = Stopwatch.StartNew();
for (var b = 0; b < history.Batches; b++)
{
    var g = Stopwatch.StartNew();
    var batch = history.Batch(b);
    generating += g.Elapsed;
    if (b >= compared)
    {
        restRows += batch.Rows;
        await load.WriteRestAsync(batch);
    }
    else
    {
        rows += batch.Rows;
        await load.WriteRawAsync(batch);
        await load.WriteProductAsync(batch);
    }
    if ((b + 1) % Math.Max(1, history.Batches / 10) == 0 || b == history.Batches - 1)
        Console.WriteLine($"  batch {b + 1:N0}/{history.Batches:N0}: {rows:N0} rows both ways (COPY {load.Raw.TotalSeconds:0.0} s, product {load.Product.TotalSeconds:0.0} s), " +
            $"{restRows:N0} more by COPY ({load.Rest.TotalSeconds:0.0} s); " +
            $"generating {generating.TotalSeconds:0.0} s; {loading.Elapsed.TotalMinutes:0.0} min");
}
Console.WriteLine();
Console.WriteLine("| table | service's tables (all) | raw tables (the compared share) |");
Console.WriteLine("|---|---:|---:|");
foreach (var table in new[] { "activities", "activity_hosts", "activity_changes", "activity_participants", "activity_check_ins" })
{
    var (p, r) = await load.CountAsync(table);
    Console.WriteLine($"| {table} | {p:N0} | {r:N0} |");
}
Console.WriteLine();
Console.WriteLine("| load of the history | rows | seconds | rows/s | ratio raw/product |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Console.WriteLine($"| binary COPY into tables like the service's (raw) | {rows:N0} | {load.Raw.TotalSeconds:0.0} | {rows / load.Raw.TotalSeconds:N0} | 1 |");
Console.WriteLine($"| the service's EF Core model, a SaveChanges per batch (product) | {rows:N0} | {load.Product.TotalSeconds:0.0} | {rows / load.Product.TotalSeconds:N0} | " +
    $"**{load.Raw.TotalSeconds / load.Product.TotalSeconds:0.00}** |");
Console.WriteLine($"| the rest of the history, binary COPY into the service's tables (not compared) | {restRows:N0} | {load.Rest.TotalSeconds:0.0} | {(restRows == 0 ? 0 : restRows / load.Rest.TotalSeconds):N0} | |");
var share = (double)rows / (rows + restRows);
Console.WriteLine($"(the compared share is {share:P0} of the history: at these rates the whole of it would take COPY {load.Raw.TotalSeconds / share / 60:0.0} min, " +
    $"the product {load.Product.TotalSeconds / share / 60:0.0} min)");
await load.ExecuteAsync($"DROP SCHEMA {Load.RawSchema} CASCADE; ANALYZE;");

// ---- 2. meetings and decision items
var items = await Supervision.WriteAsync(load, units, today);
await load.ExecuteAsync("ANALYZE decision_items; ANALYZE joint_meetings;");
Console.WriteLine($"{Supervision.Alliances * Supervision.MeetingsPerAlliance:N0} joint meetings, {items:N0} decision items");

// ---- 3. the boards through the gateway
var boardUrls = new List<string>();
foreach (var s in group.SubsidiaryIds)
    foreach (var state in new[] { "", "&state=due" })
        boardUrls.Add($"/api/v1/organization-life/boards?subsidiaryId={s}&page=1&pageSize=20{state}");
var supervisionUrls = new List<string>();
foreach (var colour in new[] { "", "&colour=red", "&colour=yellow", "&colour=green" })
    for (var page = 1; page <= 3; page++)
        supervisionUrls.Add($"/api/v1/decision-items?page={page}&pageSize=20{colour}");
var sample = await http.GetFromJsonAsync<JsonElement>(boardUrls[0]);
Console.WriteLine($"a subsidiary's board: {sample.GetProperty("organizations").GetInt32():N0} organizations with rules, due {sample.GetProperty("due").GetInt32():N0}, " +
    $"done {sample.GetProperty("done").GetInt32():N0}, overdue {sample.GetProperty("overdue").GetInt32():N0}");
var supervision = await http.GetFromJsonAsync<JsonElement>(supervisionUrls[0]);
Console.WriteLine($"the supervision board: {supervision.GetProperty("total").GetInt32():N0} open items, " +
    string.Join(", ", supervision.GetProperty("colours").EnumerateArray().Select(c => $"{c.GetProperty("count").GetInt32():N0} {c.GetProperty("colour").GetString()}")));
Console.WriteLine();
Console.WriteLine("| through the gateway (HTTP/1.1, JWT, one client) | | requests | failed | p50 ms | p99 ms | max ms |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
foreach (var (name, urls) in new[] { ("organization-life board of a subsidiary (10 subsidiaries × 2 filters, first page)", boardUrls),
    ("supervision board (4 colour filters × 3 pages)", supervisionUrls) })
{
    var (cold, warm) = await Boards.MeasureAsync(http, urls, repeats);
    Console.WriteLine($"| {name} | cold | {cold.Requests:N0} | {cold.Failed:N0} | {cold.P50:0.0} | **{cold.P99:0.0}** | {cold.Max:0.0} |");
    Console.WriteLine($"| | warm | {warm.Requests:N0} | {warm.Failed:N0} | {warm.P50:0.0} | **{warm.P99:0.0}** | {warm.Max:0.0} |");
}

// ---- where the time goes, warm: the activity service alone, the organization service's part, the SQL alone
using var activityChannel = GrpcChannel.ForAddress(app.Endpoint(ResourceNames.Activity).ToString());
var layers = new Layers(activityChannel, channel, load);
var firstSubsidiary = units.Where(u => u.Subsidiary == 0).ToList();
var gatewayBoard = (await Boards.MeasureAsync(http, [boardUrls[0]], repeats * 3)).Warm;
var grpcBoard = await layers.BoardGrpcAsync(group.SubsidiaryIds[0], repeats * 3);
var organizationList = await layers.OrganizationsAsync(group.SubsidiaryIds[0], repeats * 3);
var (complianceSql, plan) = await layers.ComplianceSqlAsync(firstSubsidiary, repeats * 3);
var gatewaySupervision = (await Boards.MeasureAsync(http, [supervisionUrls[0]], repeats * 3)).Warm;
var grpcSupervision = await layers.SupervisionGrpcAsync(repeats * 3);
Console.WriteLine();
Console.WriteLine("| layer (warm, one client, first page of 20) | requests | p50 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var (name, l) in new[]
{
    ("organization-life board through the gateway", gatewayBoard),
    ("  the activity service's gRPC method directly", grpcBoard),
    ($"  of which: the subsidiary's {firstSubsidiary.Count:N0} organizations from the organization service (pages of 200)", organizationList),
    ("  of which: the compliance statement in PostgreSQL", complianceSql),
    ("supervision board through the gateway", gatewaySupervision),
    ("  the activity service's gRPC method directly", grpcSupervision),
})
    Console.WriteLine($"| {name} | {l.Requests:N0} | {l.P50:0.0} | {l.P99:0.0} |");

// ---- CPU per request in Alliance's own processes (4 clients, warm, the same queries as above in turn)
var processes = new List<(string Name, int Pid)>();
foreach (var name in new[] { ResourceNames.Gateway, ResourceNames.Activity, ResourceNames.Organization, ResourceNames.Postgres, ResourceNames.Cache })
    processes.Add((name, await app.ProcessIdAsync(name)));
var cpu = new CpuPerRequest(processes);
Console.WriteLine();
Console.WriteLine($"| CPU per request, 4 clients, warm | requests | req/s | ms CPU in Alliance's processes | {string.Join(" | ", processes.Select(p => p.Name))} |");
Console.WriteLine($"|---|---:|---:|---:|{string.Concat(processes.Select(_ => "---:|"))}");
foreach (var (name, urls, requests) in new[] { ("organization-life board of a subsidiary", boardUrls, repeats * 10), ("supervision board", supervisionUrls, repeats * 10) })
{
    var (total, split, rate) = await cpu.MeasureAsync(http, urls, requests, clients: 4);
    Console.WriteLine($"| {name} | {requests:N0} | {rate:N0} | **{total:0.00}** | {string.Join(" | ", split.Select(s => s.Ms.ToString("0.00", CultureInfo.InvariantCulture)))} |");
}
Console.WriteLine();
Console.WriteLine("the compliance statement, EXPLAIN (ANALYZE, BUFFERS):");
Console.WriteLine(plan);
Console.WriteLine();
Console.WriteLine($"total {started.Elapsed.TotalMinutes:0.0} min");
return 0;

async Task<JsonElement> PostAsync(string path, object body)
{
    using var response = await http.PostAsJsonAsync(path, body);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    return await response.Content.ReadFromJsonAsync<JsonElement>();
}
