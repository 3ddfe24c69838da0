// CPU per request of the whole system, measured from outside: starts the built AppHost as a child process (demo data on),
// then for each endpoint runs wrk (8 connections, 2 threads, a fixed time) beside a minimal Kestrel JSON endpoint in
// this process, and divides the machine's busy CPU over the window (less wrk's own) by the requests completed.
// Usage: dotnet run -c Release --project bench/Alliance.Bench.RequestCost [-- seconds [warm-up-seconds]]   (default 10, 2)
// Build first: dotnet build Alliance.sln -c Release. See docs/BENCHMARKS.md.
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Alliance.Bench.RequestCost;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")] // /proc, getrusage, signals

var seconds = Arg(0, 10);
var warmUpSeconds = Arg(1, 2);
var configuration = typeof(Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
if (!Wrk.IsInstalled()) { Console.Error.WriteLine("wrk is not on PATH: run scripts/prerequisites.sh"); return 2; }

using var stopping = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var data = AppHostProcess.NewDataDirectory();
try
{
    return await RunAsync(stopping.Token);
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    Console.Error.WriteLine("stopped");
    return 130;
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}
finally
{
    try { Directory.Delete(data, recursive: true); }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"could not remove {data}: {e.Message}"); }
}

async Task<int> RunAsync(CancellationToken ct)
{
    Console.WriteLine($"request cost: wrk -t{Wrk.Threads} -c{Wrk.Connections} -d{seconds}s (after a {warmUpSeconds} s warm-up) per endpoint; " +
        $"{Environment.ProcessorCount} cores; {Cpu.TicksPerSecond} jiffies/s; AppHost {configuration}; {DateTimeOffset.UtcNow:u}");
    var repository = RepositoryRoot();

    await using var minimal = await MinimalEndpoint.StartAsync();
    var started = DateTime.UtcNow;
    await using var appHost = AppHostProcess.Start(repository, configuration, data, "apphost.log");
    await appHost.WaitUntilRunningAsync(TimeSpan.FromMinutes(10), ct);
    var stack = StackLocator.Locate(appHost.DataDirectory, appHost.LogPath);
    Console.WriteLine($"stack running after {(DateTime.UtcNow - started).TotalSeconds:0} s; gateway {stack.Gateway}; " +
        $"processes: {string.Join(", ", stack.Processes.Select(p => $"{p.Name} {p.Pid}"))}");

    var meter = new CpuMeter(stack, appHost.Pid);
    var bench = new RequestCostBench(new Wrk(Path.Combine(AppContext.BaseDirectory, "wrk")), meter,
        TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmUpSeconds));
    using var gateway = new Gateway(stack.Gateway);
    await gateway.SignInAsync(ct);
    await WaitForDemoDataAsync(gateway, stack, bench, ct);
    var subsidiary = await gateway.LargestSubsidiaryAsync(ct);
    Console.WriteLine($"subsidiary: {subsidiary.Name} ({subsidiary.Organizations} organizations)");

    var rows = new List<Row>();
    async Task Measure(Func<Task<Row>> measure)
    {
        var row = await measure();
        Console.WriteLine($"  {row.Endpoint}: {row.Wrk.Rate:N0} req/s, {row.MsPerRequest(row.Cpu.SystemMs):0.000} ms CPU/request");
        rows.Add(row);
    }
    Uri Api(string path) => new(stack.Gateway, path);
    var jwt = gateway.Authorization;
    await Measure(() => bench.MeasureGetAsync("minimal Kestrel JSON endpoint", minimal.Url, jwt, ct));
    await Measure(() => bench.MeasureGetAsync("group dashboard (cached)", Api("/api/v1/dashboard/"), jwt, ct));
    await Measure(() => bench.MeasureGetAsync("a page of a subsidiary's organizations", Api($"/api/v1/subsidiaries/{subsidiary.Id}/organizations?page=1&pageSize=20"), jwt, ct));
    await Measure(() => bench.MeasureGetAsync("alliance list", Api("/api/v1/alliances"), jwt, ct));
    await Measure(() => bench.MeasureGetAsync("people search by pinyin (zhang)", Api($"/api/v1/subsidiaries/{subsidiary.Id}/people?search=zhang"), jwt, ct));
    // Issue 18's boards: on the demo data the organization-life board has the group's default rules over the subsidiary's
    // organizations but no activities, the supervision board no items; bench/Alliance.Bench.Activity measures them at scale.
    await Measure(() => bench.MeasureGetAsync("organization-life board of a subsidiary", Api($"/api/v1/organization-life/boards?subsidiaryId={subsidiary.Id}&page=1&pageSize=20"), jwt, ct));
    await Measure(() => bench.MeasureGetAsync("supervision board", Api("/api/v1/decision-items?page=1&pageSize=20"), jwt, ct));
    await using (var people = new ReportingPeople(stack.ReportingDatabase, subsidiary.Id))
    {
        var hrClient = await gateway.CreateHrClientAsync(subsidiary.Id, ct);
        await Measure(() => bench.MeasureScimCreatesAsync(stack.Gateway, hrClient, people, ct));
    }

    Console.WriteLine();
    Report.Print(rows, rows[0], Console.Out);
    return rows.Any(r => r.Failed) ? 1 : 0;
}

// The demo data's events through the broker to reporting (organizations on the dashboard, people in reporting's rows),
// then an idle stack.
static async Task WaitForDemoDataAsync(Gateway gateway, Stack stack, RequestCostBench bench, CancellationToken ct)
{
    await gateway.WaitForDemoDataAsync(TimeSpan.FromMinutes(5), ct);
    await using (var allPeople = new ReportingPeople(stack.ReportingDatabase))
        await allPeople.WaitForAsync(1, TimeSpan.FromMinutes(5), ct, steadyFor: TimeSpan.FromSeconds(3));
    await bench.WaitForIdleAsync(TimeSpan.FromMinutes(3), ct);
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true; // unwind: the AppHost is stopped and waited for by its DisposeAsync
    stopping.Cancel();
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Alliance.sln"))) return dir.FullName;
    throw new InvalidOperationException("Alliance.sln not found above " + AppContext.BaseDirectory);
}
