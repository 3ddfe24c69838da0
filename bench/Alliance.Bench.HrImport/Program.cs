// Starts the whole of Alliance through the Aspire AppHost (BenchStack) (real PostgreSQL, RabbitMQ, Redis, the services and the
// gateway, no demo data; services from the AppHost's build configuration: run with -c Release), then:
//   1. registers 1,000 people with employee numbers (200 of them party members, 50 committee members): the file must
//      match them rather than create them, and deactivating the committee members must raise conflicts;
//   2. generates an HR file of N employees (CSV, UTF-8: 工号, 姓名, 部门, 岗位, 状态, 更新时间);
//   3. COPYs the same N rows (binary) into a table shaped like hr_users with hr_users' indexes: rows/s, the raw part;
//   4. imports the file through the gateway (POST /api/v1/subsidiaries/{id}/hr-imports): the first load (every
//      employee new or matched), then the next day's file (1% moved department, 0.5% left incl. the 50 committee
//      members, 0.3% joined, the rest unchanged): time, rows/s, and the organization service's and gateway's peak RSS.
// Target: import rows/s ≥ 0.2 × COPY rows/s, peak memory < 500 MB.
// Usage: dotnet run -c Release --project bench/Alliance.Bench.HrImport [-- employees]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alliance.Bench;
using Alliance.Contracts;
using Npgsql;
using NpgsqlTypes;

var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300_000;
Console.WriteLine($"HR file import of {n:N0} employees beside a binary COPY of the same rows; {Environment.ProcessorCount} cores; {DateTimeOffset.UtcNow:u}");
var started = Stopwatch.StartNew();
await using var app = await BenchStack.StartAsync(TimeSpan.FromMinutes(6));
app.KeepLogs(ResourceNames.Organization);
Console.WriteLine($"stack healthy after {started.Elapsed.TotalSeconds:0} s");

using var api = new HttpClient { BaseAddress = app.Endpoint(ResourceNames.Gateway), Timeout = TimeSpan.FromMinutes(10) };
var token = await api.PostAsJsonAsync("/api/dev/token", new { role = Roles.GroupAdmin, userName = "bench" });
token.EnsureSuccessStatusCode();
api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
    (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
var subsidiaryId = (await PostAsync(api, "/api/v1/subsidiaries", new { code = "HRI-" + Guid.NewGuid().ToString("N")[..6], name = "导入基准企业" })).GetProperty("id").GetGuid();
var branchId = (await PostAsync(api, "/api/v1/organizations", new { subsidiaryId, name = "第一支部", kind = "branch" })).GetProperty("id").GetGuid();

// ---- 1. people already in Alliance, matched by employee number
const int Registered = 1_000, Members = 200, CommitteeMembers = 50;
var setup = Stopwatch.StartNew();
for (var i = 0; i < Registered; i++)
{
    var person = await PostAsync(api, "/api/v1/people", new { subsidiaryId, name = Name(i), kind = "employee", employeeNumber = Number(i) });
    if (i >= Members) continue;
    var id = person.GetProperty("id").GetGuid();
    await PostAsync(api, $"/api/v1/people/{id}/membership", new { organizationId = branchId, joinedOn = "2020-07-01", status = "full" }, 200);
    if (i < CommitteeMembers) await PostAsync(api, $"/api/v1/people/{id}/roles", new { organizationId = branchId, role = "committee-member", startsOn = "2024-01-01" });
}
Console.WriteLine($"registered {Registered:N0} people ({Members} members, {CommitteeMembers} committee members) in {setup.Elapsed.TotalSeconds:0} s");

// ---- 2. the files
string[] departments = ["财务部", "人力资源部", "生产一部", "生产二部", "党群工作部", "市场部", "信息技术部", "安全环保部"];
string[] positions = ["专员", "工程师", "主管", "经理", "技术员"];
var day1 = "2026-11-30 09:00";
var day2 = "2026-12-01 09:00";
byte[] File(bool nextDay)
{
    var csv = new StringBuilder(n * 64).Append("工号,姓名,部门,岗位,状态,更新时间\n");
    var rows = nextDay ? n + n * 3 / 1000 : n;
    for (var i = 0; i < rows; i++)
    {
        var joined = i >= n;                                   // 0.3% new the next day
        var moved = nextDay && i % 100 == 7;                    // 1% moved department
        var left = nextDay && (i < CommitteeMembers || i % 200 == 3); // 0.5% left, the committee members among them
        var department = departments[(i + (moved ? 1 : 0)) % departments.Length];
        csv.Append(Number(i)).Append(',').Append(Name(i)).Append(',').Append(department).Append(',').Append(positions[i % positions.Length])
            .Append(',').Append(left ? "离职" : "在职").Append(',').Append(moved || left || joined ? day2 : day1).Append('\n');
    }
    return Encoding.UTF8.GetBytes(csv.ToString());
}
var first = File(nextDay: false);
var second = File(nextDay: true);
Console.WriteLine($"files: {first.Length / 1048576.0:0.0} MB ({n:N0} rows), next day {second.Length / 1048576.0:0.0} MB");

// ---- 3. the raw part: binary COPY of the same rows into a table shaped like hr_users, with its indexes
await using var connection = new NpgsqlConnection(await app.ConnectionStringAsync(ResourceNames.Databases.Organization));
await connection.OpenAsync();
await Execute(connection, """
    DROP TABLE IF EXISTS bench_hr_copy;
    CREATE TABLE bench_hr_copy (LIKE hr_users INCLUDING DEFAULTS);
    ALTER TABLE bench_hr_copy ADD PRIMARY KEY (id);
    CREATE UNIQUE INDEX ON bench_hr_copy (subsidiary_id, user_name_key) WHERE deleted_at IS NULL;
    CREATE INDEX ON bench_hr_copy (subsidiary_id, external_id);
    CREATE INDEX ON bench_hr_copy (subsidiary_id, employee_number);
    CREATE INDEX ON bench_hr_copy (subsidiary_id, last_modified);
    CREATE INDEX ON bench_hr_copy USING gin (email_values);
    CREATE INDEX ON bench_hr_copy (person_id);
    """);
var copyTime = Stopwatch.StartNew();
await using (var writer = await connection.BeginBinaryImportAsync("""
    COPY bench_hr_copy (id, subsidiary_id, user_name, user_name_key, external_id, employee_number, active, display_name, family_name,
        given_name, title, department, organization, manager_id, emails, email_values, scim_json, person_id, version, created_at,
        last_modified, deleted_at, hr_updated_at) FROM STDIN (FORMAT BINARY)
    """))
{
    var now = DateTimeOffset.UtcNow;
    var hrTime = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
    for (var i = 0; i < n; i++)
    {
        await writer.StartRowAsync();
        await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
        await writer.WriteAsync(subsidiaryId, NpgsqlDbType.Uuid);
        await writer.WriteAsync(Number(i), NpgsqlDbType.Varchar);
        await writer.WriteAsync(Number(i).ToLowerInvariant(), NpgsqlDbType.Varchar);
        await writer.WriteNullAsync();
        await writer.WriteAsync(Number(i), NpgsqlDbType.Varchar);
        await writer.WriteAsync(true, NpgsqlDbType.Boolean);
        await writer.WriteAsync(Name(i), NpgsqlDbType.Varchar);
        await writer.WriteNullAsync();
        await writer.WriteNullAsync();
        await writer.WriteAsync(positions[i % positions.Length], NpgsqlDbType.Varchar);
        await writer.WriteAsync(departments[i % departments.Length], NpgsqlDbType.Varchar);
        await writer.WriteNullAsync();
        await writer.WriteNullAsync();
        await writer.WriteAsync("[]", NpgsqlDbType.Jsonb);
        await writer.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        await writer.WriteAsync("{}", NpgsqlDbType.Jsonb);
        await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
        await writer.WriteAsync(0L, NpgsqlDbType.Bigint);
        await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
        await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
        await writer.WriteNullAsync();
        await writer.WriteAsync(hrTime, NpgsqlDbType.TimestampTz);
    }
    await writer.CompleteAsync();
}
var copySeconds = copyTime.Elapsed.TotalSeconds;
var copyRate = n / copySeconds;
await Execute(connection, "DROP TABLE bench_hr_copy");
Console.WriteLine($"binary COPY of {n:N0} rows: {copyTime.Elapsed.TotalSeconds:0.00} s, {copyRate:N0} rows/s");

// ---- 4. the imports, through the gateway
var organizationPid = await app.ProcessIdAsync(ResourceNames.Organization);
var gatewayPid = await app.ProcessIdAsync(ResourceNames.Gateway);
var results = new List<(string Name, int Rows, double Seconds, JsonElement Counts, long OrganizationPeak, long GatewayPeak, long OrganizationBefore)>();
foreach (var (label, bytes) in new[] { ("first load", first), ("next day", second) })
{
    var before = Memory(organizationPid, "VmRSS");
    ResetPeak(organizationPid);
    ResetPeak(gatewayPid);
    using var form = new MultipartFormDataContent();
    var file = new ByteArrayContent(bytes);
    file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    form.Add(file, "file", "花名册.csv");
    var walBefore = await WalAsync(connection);
    var time = Stopwatch.StartNew();
    using var response = await api.PostAsync($"/api/v1/subsidiaries/{subsidiaryId}/hr-imports", form);
    var seconds = time.Elapsed.TotalSeconds;
    var walAfter = await WalAsync(connection);
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import: {(int)response.StatusCode} {body[..Math.Min(2000, body.Length)]}");
    var answer = JsonDocument.Parse(body).RootElement;
    var rows = answer.GetProperty("run").GetProperty("total").GetInt32();
    results.Add((label, rows, seconds, answer.GetProperty("counts").Clone(), Memory(organizationPid, "VmHWM"), Memory(gatewayPid, "VmHWM"), before));
    Console.WriteLine($"{label}: {rows:N0} rows in {seconds:0.00} s; {answer.GetProperty("counts")}; " +
        $"PostgreSQL wrote {(walAfter.Bytes - walBefore.Bytes) / 1048576.0:N0} MB of WAL (every database, reporting's too) with {walAfter.Checkpoints - walBefore.Checkpoints} checkpoints");
    // The service's own split of the time (its closing log line of the import).
    var split = app.RecentLogs(ResourceNames.Organization).LastOrDefault(l => l.Contains("HR import of", StringComparison.Ordinal));
    if (split is not null) Console.WriteLine($"  {split.Trim()}");
}
long people;
await using (var count = new NpgsqlCommand("SELECT count(*) FROM people WHERE subsidiary_id = $1", connection))
{
    count.Parameters.Add(new() { Value = subsidiaryId });
    people = (long)(await count.ExecuteScalarAsync())!;
}
long conflicts;
await using (var count = new NpgsqlCommand("SELECT count(*) FROM hr_conflicts WHERE subsidiary_id = $1 AND NOT resolved", connection))
{
    count.Parameters.Add(new() { Value = subsidiaryId });
    conflicts = (long)(await count.ExecuteScalarAsync())!;
}

Console.WriteLine();
Console.WriteLine("| run | rows | seconds | rows/s | ratio to COPY | organization RSS before → peak MB | gateway peak MB | outcomes |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
Console.WriteLine($"| binary COPY into a table shaped like hr_users (its 7 indexes) | {n:N0} | {copySeconds:0.00} | {copyRate:N0} | 1 | | | |");
foreach (var r in results)
{
    var outcomes = string.Join(", ", r.Counts.EnumerateObject().Where(p => p.Value.GetInt32() > 0).Select(p => $"{p.Name} {p.Value.GetInt32():N0}"));
    Console.WriteLine($"| import, {r.Name} | {r.Rows:N0} | {r.Seconds:0.00} | {r.Rows / r.Seconds:N0} | {r.Rows / r.Seconds / copyRate:0.00} | {r.OrganizationBefore / 1024} → {r.OrganizationPeak / 1024} | {r.GatewayPeak / 1024} | {outcomes} |");
}
Console.WriteLine();
Console.WriteLine($"{people:N0} people in the subsidiary (of {n + n * 3 / 1000:N0} employees; {Registered:N0} were matched); {conflicts} open conflicts (expected {CommitteeMembers})");
foreach (var r in results)
{
    var ratio = r.Rows / r.Seconds / copyRate;
    Console.WriteLine($"{r.Name}: ratio {ratio:0.00} (target ≥ 0.2: {(ratio >= 0.2 ? "met" : "NOT met")}), peak {r.OrganizationPeak / 1024} MB (target < 500 MB: {(r.OrganizationPeak / 1024 < 500 ? "met" : "NOT met")})");
}
Console.WriteLine($"total {started.Elapsed.TotalMinutes:0.0} min");
return 0;

static string Number(int i) => $"E{i:D7}";
static string Name(int i)
{
    const string families = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
    const string givens = "伟芳娜敏静强磊洋艳勇军杰娟涛明超秀霞平刚";
    return $"{families[i % families.Length]}{givens[i / families.Length % givens.Length]}{(i % 3 == 0 ? givens[i / 400 % givens.Length].ToString() : "")}";
}

static long Memory(int pid, string field) => long.Parse(System.IO.File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":"))
    .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture); // kB

// Writing 5 to clear_refs resets the peak (VmHWM) to the current RSS (Linux 4.0+).
static void ResetPeak(int pid) => System.IO.File.WriteAllText($"/proc/{pid}/clear_refs", "5");

// WAL written so far by the whole server, and checkpoints done.
static async Task<(long Bytes, long Checkpoints)> WalAsync(NpgsqlConnection connection)
{
    await using var command = new NpgsqlCommand(
        "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn, (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)", connection);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return ((long)reader.GetDecimal(0), reader.GetInt64(1));
}

static async Task Execute(NpgsqlConnection connection, string sql)
{
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static async Task<JsonElement> PostAsync(HttpClient api, string path, object body, int expected = 201)
{
    var response = await api.PostAsJsonAsync(path, body);
    if ((int)response.StatusCode != expected && (int)response.StatusCode != 201 && (int)response.StatusCode != 200)
        throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    return await response.Content.ReadFromJsonAsync<JsonElement>();
}
