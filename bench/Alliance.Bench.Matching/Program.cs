// Starts the whole of Alliance through the Aspire AppHost (BenchStack), writes the lists at the size issue 19 names
// (20,000 open problems, 20,000 offers over 50 alliances, a tenth of the offers to the whole group) through the activity
// service's EF Core model and domain factories, then asks the gateway, as a group administrator, for the ranked matches
// of distinct problems: p50/p99/max cold (first request of each problem) and warm (the same again), target p99 ≤ 100 ms.
// Usage: dotnet run -c Release --project bench/Alliance.Bench.Matching [-- problems [offers [requests [repeats]]]]   (default 20000 20000 200 3)
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Lists;
using Alliance.Bench;
using Alliance.Bench.Activity;
using Alliance.Contracts;
using Microsoft.EntityFrameworkCore;

var problems = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var offers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
var requests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
var repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
const int Alliances = 50, UnitsPerAlliance = 6, Subsidiaries = 10, Batch = 2_000;
Console.WriteLine($"matching at {problems:N0} open problems and {offers:N0} offers over {Alliances} alliances; {Environment.ProcessorCount} cores; " +
    $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; {DateTimeOffset.UtcNow:u}");
var started = Stopwatch.StartNew();
await using var app = await BenchStack.StartAsync(TimeSpan.FromMinutes(6));
Console.WriteLine($"stack healthy after {started.Elapsed.TotalSeconds:0} s");

// ---- the lists, written through the service's model (alliances made up: the group administrator's rules read none)
var random = new Random(19);
var subsidiaries = Enumerable.Range(0, Subsidiaries).Select(_ => Guid.NewGuid()).ToArray();
var alliances = Enumerable.Range(0, Alliances).Select(a => new AllianceFacts(Guid.NewGuid(), $"联盟{a}", subsidiaries[a % Subsidiaries],
    Enumerable.Range(0, UnitsPerAlliance).Select(u => u < 4
        ? new MemberUnitFacts(Guid.NewGuid(), Guid.NewGuid(), subsidiaries[(a + u) % Subsidiaries], $"党委{a}-{u}", true)
        : new MemberUnitFacts(Guid.NewGuid(), null, null, $"外部单位{a}-{u}", true)).ToList())).ToList();
string[][] vocabulary =
[
    ["会议室", "党课", "党日活动", "阵地", "报告厅"], ["法律", "劳动争议", "合同", "技术攻关", "集成电路", "数据安全"],
    ["防汛", "抽水泵", "应急", "发电机"], ["乡村振兴", "帮扶资金", "社区微更新"], ["农产品", "电商", "直播带货", "招聘", "就业"],
    ["党校", "青年党员", "支部书记", "党务培训"], ["养老", "助餐", "义诊", "儿童", "托管"],
];
var categories = Enumerable.Range(0, vocabulary.Length).ToArray();
var kinds = Enum.GetValues<ResourceKind>();
string[] Tags(int set) => vocabulary[set].OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
var actor = new Actor("bench", Roles.GroupAdmin);
var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
var connectionString = await app.ConnectionStringAsync(ResourceNames.Databases.Activity);
var options = new DbContextOptionsBuilder<ActivityDbContext>().UseNpgsql(connectionString).Options;
var problemIds = new List<Guid>(problems);
var write = Stopwatch.StartNew();
for (var done = 0; done < problems; done += Batch)
{
    await using var db = new ActivityDbContext(options);
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    for (var i = done; i < Math.Min(problems, done + Batch); i++)
    {
        var alliance = alliances[i % Alliances];
        var unit = alliance.Members[random.Next(UnitsPerAlliance)];
        var set = categories[random.Next(categories.Length)];
        var tags = Tags(set);
        var problem = Problem.Post(alliance, new PostingUnit(unit.Id, unit.OrganizationId, unit.SubsidiaryId, unit.Name),
            new ProblemText($"需要{string.Join("、", tags)}支持 {i}", $"本单位在{string.Join("、", tags)}方面遇到困难，希望联盟成员单位帮助。", (ProblemCategory)set,
                ProblemUrgency.Normal, tags, today.AddDays(random.Next(10, 120))), actor, DateTimeOffset.UtcNow);
        db.Add(problem);
        db.AddRange(problem.Changes);
        problemIds.Add(problem.Id);
    }
    await db.SaveChangesAsync();
}
var groupWide = 0;
for (var done = 0; done < offers; done += Batch)
{
    await using var db = new ActivityDbContext(options);
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    for (var i = done; i < Math.Min(offers, done + Batch); i++)
    {
        var toGroup = i % 10 == 0;
        var alliance = alliances[random.Next(Alliances)];
        var unit = alliance.Members[random.Next(UnitsPerAlliance)];
        var kind = kinds[random.Next(kinds.Length)];
        var set = random.Next(vocabulary.Length);
        var tags = Tags(set);
        var people = kind == ResourceKind.Experts
            ? Enumerable.Range(0, random.Next(1, 3)).Select(p => new OfferedPerson(null, $"专家{i}-{p}", Tags(set))).ToList()
            : new List<OfferedPerson>();
        var from = today.AddDays(random.Next(-30, 30));
        var posting = toGroup && unit.OrganizationId is not null
            ? new PostingUnit(null, unit.OrganizationId, unit.SubsidiaryId, unit.Name)
            : new PostingUnit(unit.Id, unit.OrganizationId, unit.SubsidiaryId, unit.Name);
        var offer = ResourceOffer.Offer(posting.MemberUnitId is null ? null : alliance, posting,
            new OfferText(kind, $"{string.Join("、", tags)}资源 {i}", "面向联盟成员单位开放。", tags, random.Next(3) == 0 ? null : random.Next(1, 20), "次",
                [new AvailabilityWindow(from, from.AddDays(random.Next(30, 240)))], people), actor, DateTimeOffset.UtcNow);
        if (posting.MemberUnitId is null) groupWide++;
        db.Add(offer);
        db.AddRange(offer.Changes);
    }
    await db.SaveChangesAsync();
}
await using (var db = new ActivityDbContext(options)) await db.Database.ExecuteSqlRawAsync("ANALYZE problems; ANALYZE resource_offers;");
Console.WriteLine($"wrote {problems:N0} problems and {offers:N0} offers ({groupWide:N0} to the whole group) in {write.Elapsed.TotalSeconds:0} s");

// ---- the ranked matches through the gateway, as a group administrator
using var http = new HttpClient { BaseAddress = app.Endpoint(ResourceNames.Gateway), Timeout = TimeSpan.FromSeconds(120) };
var token = await http.PostAsJsonAsync("/api/dev/token", new { role = Roles.GroupAdmin, userName = "bench" });
token.EnsureSuccessStatusCode();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
    (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
var chosen = problemIds.OrderBy(_ => random.Next()).Take(requests).ToList();
var sample = await (await http.GetAsync($"/api/v1/problems/{chosen[0]}/matches")).Content.ReadFromJsonAsync<JsonElement>();
Console.WriteLine($"a problem's candidates: {sample.GetProperty("candidates").GetInt32():N0}; its best: {sample.GetProperty("items")[0].GetProperty("score").GetDouble():0.00}");
var urls = chosen.Skip(1).Select(id => $"/api/v1/problems/{id}/matches").ToList();
var (cold, warm) = await Boards.MeasureAsync(http, urls, repeats);
Console.WriteLine($"ranked matches (top 10) cold: {cold.Requests} requests, p50 {cold.P50:0.0} ms, p99 {cold.P99:0.0} ms, max {cold.Max:0.0} ms, failed {cold.Failed}");
Console.WriteLine($"ranked matches (top 10) warm: {warm.Requests} requests, p50 {warm.P50:0.0} ms, p99 {warm.P99:0.0} ms, max {warm.Max:0.0} ms, failed {warm.Failed}");
Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
