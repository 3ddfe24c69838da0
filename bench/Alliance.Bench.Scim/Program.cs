// Starts the whole of Alliance through the Aspire AppHost (BenchStack) (real PostgreSQL, RabbitMQ, Redis, the services and the
// gateway, no demo data), creates a subsidiary and an HR client through the API, then measures:
//   1. N sequential SCIM POST /scim/v2/Users (core + enterprise extension) from one client: users/s, p50/p99;
//   2. N single-row INSERT transactions (BEGIN; INSERT; COMMIT) on one Npgsql connection into a table shaped like
//      hr_users, in the same PostgreSQL server and database: rows/s, p50/p99.
// and prints the ratio (target: SCIM ≥ 0.2 × INSERT).
// Usage: dotnet run -c Release --project bench/Alliance.Bench.Scim [-- users]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alliance.Bench;
using Alliance.Contracts;
using Npgsql;

var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
Console.WriteLine($"{n:N0} SCIM user creates and {n:N0} single-row INSERT transactions; {Environment.ProcessorCount} cores; {DateTimeOffset.UtcNow:u}");

var started = Stopwatch.StartNew();
await using var app = await BenchStack.StartAsync(TimeSpan.FromMinutes(6));
Console.WriteLine($"stack healthy after {started.Elapsed.TotalSeconds:0} s");

using var api = new HttpClient { BaseAddress = app.Endpoint(ResourceNames.Gateway), Timeout = TimeSpan.FromSeconds(60) };
var token = await api.PostAsJsonAsync("/api/dev/token", new { role = Roles.GroupAdmin, userName = "bench" });
token.EnsureSuccessStatusCode();
api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
    (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
var subsidiary = await PostAsync(api, "/api/v1/subsidiaries", new { code = "B1-1-" + Guid.NewGuid().ToString("N")[..6], name = "基准测试企业" });
var subsidiaryId = subsidiary.GetProperty("id").GetGuid();
var hrClient = await PostAsync(api, "/api/v1/hr-clients", new { name = "基准 HR", subsidiaryId });
using var scim = new HttpClient { BaseAddress = app.Endpoint(ResourceNames.Gateway), Timeout = TimeSpan.FromSeconds(60) };
scim.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hrClient.GetProperty("secret").GetString());

string[] departments = ["财务部", "人力资源部", "生产部", "党群工作部", "市场部", "信息技术部"];
string[] families = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"];
string[] givens = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋"];
JsonObject User(int i) => new()
{
    ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User", Enterprise),
    ["userName"] = $"emp{i:D6}@bench.example",
    ["externalId"] = $"hr-{i:D6}",
    ["displayName"] = families[i % families.Length] + givens[i / families.Length % givens.Length] + (i % 7 == 0 ? "华" : ""),
    ["name"] = new JsonObject { ["familyName"] = families[i % families.Length], ["givenName"] = givens[i / families.Length % givens.Length] },
    ["active"] = true,
    ["title"] = i % 10 == 0 ? "部门经理" : "专员",
    ["emails"] = new JsonArray(new JsonObject { ["value"] = $"emp{i:D6}@bench.example", ["type"] = "work", ["primary"] = true }),
    ["phoneNumbers"] = new JsonArray(new JsonObject { ["value"] = $"+86 138 {i:D8}", ["type"] = "mobile" }),
    [Enterprise] = new JsonObject
    {
        ["employeeNumber"] = $"E{i:D6}", ["department"] = departments[i % departments.Length], ["organization"] = "基准集团",
        ["costCenter"] = $"CC{i % 40:D3}",
    },
};

// Warm-up: connections, JIT, caches (not counted; distinct user names).
for (var i = 0; i < 20; i++) await CreateAsync(scim, User(900_000 + i));

var scimTimes = new double[n];
var total = Stopwatch.StartNew();
for (var i = 0; i < n; i++)
{
    var one = Stopwatch.GetTimestamp();
    await CreateAsync(scim, User(i));
    scimTimes[i] = Stopwatch.GetElapsedTime(one).TotalMilliseconds;
}
var scimRate = n / total.Elapsed.TotalSeconds;

// ---- where the time goes: a read through the same path (gateway, HR client auth, gRPC, one indexed query) as a floor
var reads = Math.Max(1, n / 4);
var readTimes = new double[reads];
var someId = (await scim.GetFromJsonAsync<JsonObject>("/scim/v2/Users?count=1"))!["Resources"]![0]!["id"]!.GetValue<string>();
for (var i = 0; i < reads; i++)
{
    var one = Stopwatch.GetTimestamp();
    using var response = await scim.GetAsync($"/scim/v2/Users/{someId}");
    response.EnsureSuccessStatusCode();
    readTimes[i] = Stopwatch.GetElapsedTime(one).TotalMilliseconds;
}

// ---- single-row INSERT transactions in the same PostgreSQL (the organization service's database)
await using var connection = new NpgsqlConnection(await app.ConnectionStringAsync(ResourceNames.Databases.Organization));
await connection.OpenAsync();
await using (var ddl = new NpgsqlCommand("""
    DROP TABLE IF EXISTS bench_hr_users;
    CREATE TABLE bench_hr_users (
        id uuid PRIMARY KEY, subsidiary_id uuid NOT NULL, user_name text NOT NULL, user_name_key text NOT NULL,
        external_id text, employee_number text, active boolean NOT NULL, display_name text, department text,
        email_values text[] NOT NULL, scim_json jsonb NOT NULL, created_at timestamptz NOT NULL, last_modified timestamptz NOT NULL);
    CREATE UNIQUE INDEX ON bench_hr_users (subsidiary_id, user_name_key);
    CREATE INDEX ON bench_hr_users (subsidiary_id, external_id);
    CREATE INDEX ON bench_hr_users (subsidiary_id, employee_number);
    """, connection)) await ddl.ExecuteNonQueryAsync();
var insertTimes = new double[n];
total.Restart();
for (var i = 0; i < n; i++)
{
    var one = Stopwatch.GetTimestamp();
    var user = User(i);
    await using var tx = await connection.BeginTransactionAsync();
    await using var insert = new NpgsqlCommand("""
        INSERT INTO bench_hr_users (id, subsidiary_id, user_name, user_name_key, external_id, employee_number, active, display_name,
            department, email_values, scim_json, created_at, last_modified)
        VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8, $9, $10::jsonb, now(), now())
        """, connection, tx);
    var userName = (string)user["userName"]!;
    insert.Parameters.Add(new() { Value = Guid.CreateVersion7() });
    insert.Parameters.Add(new() { Value = subsidiaryId });
    insert.Parameters.Add(new() { Value = userName });
    insert.Parameters.Add(new() { Value = userName.ToLowerInvariant() });
    insert.Parameters.Add(new() { Value = (string)user["externalId"]! });
    insert.Parameters.Add(new() { Value = (string)user[Enterprise]!["employeeNumber"]! });
    insert.Parameters.Add(new() { Value = (string)user["displayName"]! });
    insert.Parameters.Add(new() { Value = (string)user[Enterprise]!["department"]! });
    insert.Parameters.Add(new() { Value = new[] { userName } });
    insert.Parameters.Add(new() { Value = user.ToJsonString() });
    await insert.ExecuteNonQueryAsync();
    await tx.CommitAsync();
    insertTimes[i] = Stopwatch.GetElapsedTime(one).TotalMilliseconds;
}
var insertRate = n / total.Elapsed.TotalSeconds;
await using (var drop = new NpgsqlCommand("DROP TABLE bench_hr_users", connection)) await drop.ExecuteNonQueryAsync();

// The matching query of a create (a person by employee number in the subsidiary), as PostgreSQL plans it now.
var plan = new List<string>();
await using (var explain = new NpgsqlCommand(
    "EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM people WHERE subsidiary_id = $1 AND employee_number = $2 ORDER BY created_at LIMIT 1", connection))
{
    explain.Parameters.Add(new() { Value = subsidiaryId });
    explain.Parameters.Add(new() { Value = $"E{n / 2:D6}" });
    await using var reader = await explain.ExecuteReaderAsync();
    while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
}
long outboxRows, people;
await using (var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM outbox_messages), (SELECT count(*) FROM people WHERE subsidiary_id = $1)", connection))
{
    count.Parameters.Add(new() { Value = subsidiaryId });
    await using var reader = await count.ExecuteReaderAsync();
    await reader.ReadAsync();
    (outboxRows, people) = (reader.GetInt64(0), reader.GetInt64(1));
}

Console.WriteLine();
Console.WriteLine("| one sequential client | operations | per second | p50 ms | p99 ms | max ms |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
Console.WriteLine($"| SCIM POST /scim/v2/Users (gateway → organization service → PostgreSQL) | {n:N0} | {scimRate:N0} | {P(scimTimes, 0.50):0.00} | {P(scimTimes, 0.99):0.00} | {scimTimes.Max():0.00} |");
Console.WriteLine($"| single-row INSERT transaction (Npgsql, one connection) | {n:N0} | {insertRate:N0} | {P(insertTimes, 0.50):0.00} | {P(insertTimes, 0.99):0.00} | {insertTimes.Max():0.00} |");
Console.WriteLine($"| SCIM GET /scim/v2/Users/{{id}} (same path, one indexed read: the floor of a call) | {reads:N0} | {reads / readTimes.Sum() * 1000:N0} | {P(readTimes, 0.50):0.00} | {P(readTimes, 0.99):0.00} | {readTimes.Max():0.00} |");
Console.WriteLine();
Console.WriteLine($"{people:N0} people in the subsidiary; {outboxRows:N0} outbox rows written (events per create: {(double)outboxRows / (n + 20):0.0})");
Console.WriteLine("plan of the employee-number match of a create:");
foreach (var line in plan) Console.WriteLine("    " + line);
Console.WriteLine();
var ratio = scimRate / insertRate;
Console.WriteLine($"ratio SCIM / INSERT = {ratio:0.000} (target ≥ 0.2: {(ratio >= 0.2 ? "met" : "NOT met")})");
Console.WriteLine($"total {started.Elapsed.TotalMinutes:0.0} min");
return 0;

static double P(double[] values, double q)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}

static async Task CreateAsync(HttpClient scim, JsonObject user)
{
    using var content = new StringContent(user.ToJsonString(), Encoding.UTF8, "application/scim+json");
    using var response = await scim.PostAsync("/scim/v2/Users", content);
    if ((int)response.StatusCode != 201) throw new InvalidOperationException($"SCIM create: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
}

static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
{
    var response = await api.PostAsJsonAsync(path, body);
    if ((int)response.StatusCode != 201) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    return await response.Content.ReadFromJsonAsync<JsonElement>();
}
