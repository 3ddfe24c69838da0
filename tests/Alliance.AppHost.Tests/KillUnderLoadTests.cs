using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Alliance.AppHost.Hosting;
using Alliance.Contracts;
using Alliance.Tools.Reconcile;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace Alliance.AppHost.Tests;

/// <summary>
/// Issue 16's trial of the real stack, as a test: a steady load of creates through the gateway while each server and each
/// service is killed with SIGKILL in turn (and both reporting instances together). Each write is confirmed (201) or
/// refused cleanly (a 502/503/504 problem), never a 500 or a hang; afterwards nothing confirmed is missing, nothing is
/// there twice, and reporting ends equal to its source, count for count.
/// </summary>
public class KillUnderLoadTests(ITestOutputHelper output)
{
    static readonly TimeSpan Bound = TimeSpan.FromMinutes(8), Recovery = TimeSpan.FromSeconds(90), CatchUp = TimeSpan.FromSeconds(60);

    /// <summary>One create as the client saw it. A refused write's outcome is unknown (the service may have committed it
    /// before its connection dropped): it is found out afterwards by its name, which is unique.</summary>
    sealed record Write(string Name, string Key, string During, int Status, Guid? Id, string? Error)
    {
        public bool Confirmed => Status == 201;
        public bool Refused => Status is 502 or 503 or 504 && Error is null;
    }

    sealed record Read(string During, int Status, string? Error, TimeSpan Took)
    {
        public bool Clean => Status == 200 || Status is 502 or 503 or 504 && Error is null;
    }

    sealed record OrganizationRow(Guid Id, string Name, string Kind);
    sealed record Page(List<OrganizationRow> Items, int Total);
    sealed record SubsidiaryRow(Guid Id);
    sealed record SubsidiaryCounts(Guid SubsidiaryId, int Organizations, int Committees);
    sealed record GroupDashboard(int Subsidiaries, int Organizations);
    sealed record Token(string AccessToken);

    readonly List<Write> _writes = [];
    readonly List<Read> _reads = [];
    volatile string _during = "start";

    [Fact]
    public async Task Under_a_write_load_kill_9_of_each_server_and_service_loses_nothing_and_reporting_ends_equal_to_the_source()
    {
        var clock = Stopwatch.StartNew();
        var dataDir = Path.Combine(Path.GetTempPath(), "alliance-kill-" + Guid.NewGuid().ToString("N")[..8]);
        using var bound = new CancellationTokenSource(Bound);
        var ct = bound.Token;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Alliance_AppHost>(["--no-demo-data", "--data-dir", dataDir], ct);
        var app = await builder.BuildAsync(ct);
        using var load = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            await app.StartAsync(ct);
            await app.WaitForEverythingAsync(ct);
            Log(clock, "the stack is healthy");

            using var client = await SignedInAsync(app.Endpoint(ResourceNames.Gateway), ct);
            var subsidiary = (await (await client.PostAsJsonAsync("/api/v1/subsidiaries", new { code = "KILL-" + Guid.NewGuid().ToString("N")[..6], name = "断电演练企业" }, ct))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SubsidiaryRow>(ct))!.Id;

            var loadTasks = new[] { WriteAsync(client, subsidiary, 0, load.Token), WriteAsync(client, subsidiary, 1, load.Token), ReadAsync(client, subsidiary, load.Token) };
            await ConfirmedWritesGrowAsync(5, ct);

            string[][] victims =
            [
                [ResourceNames.Bus], [ResourceNames.Postgres], [ResourceNames.Cache], [ResourceNames.Organization],
                [AllianceAppModel.ReportingInstances[0]], [AllianceAppModel.ReportingInstances[1]], AllianceAppModel.ReportingInstances,
            ];
            foreach (var names in victims)
            {
                _during = string.Join("+", names);
                var killedAt = clock.Elapsed;
                await KillAndAwaitRestartAsync(app, names, ct);
                Log(clock, $"{_during} killed at {killedAt.TotalSeconds:0.0} s is running and healthy again");
                // Back as a user sees it: writes are confirmed again, the dashboard answers, and the events flow again (the
                // outbox publishes, reporting's consumers take them), before the next kill can restart anything that got stuck.
                await ConfirmedWritesGrowAsync(3, ct);
                await DashboardAnswersAsync(ct);
                var shown = await ReadSideCatchesUpAsync(client, subsidiary, ct);
                Log(clock, $"{_during}: writes confirmed again, and the dashboard shows the {shown} confirmed before");
            }
            _during = "after";
            await ConfirmedWritesGrowAsync(3, ct);
            await load.CancelAsync();
            await Task.WhenAll(loadTasks);

            Write[] writes;
            lock (_writes) writes = [.. _writes];
            Read[] reads;
            lock (_reads) reads = [.. _reads];
            foreach (var step in writes.GroupBy(w => w.During))
                output.WriteLine($"{step.Key,-24} writes: {step.Count(w => w.Confirmed)} confirmed, {step.Count(w => w.Refused)} refused " +
                                 $"({string.Join(", ", step.Where(w => w.Refused).GroupBy(w => w.Status).Select(g => $"{g.Count()}×{g.Key}"))}); " +
                                 $"dashboard reads: {reads.Count(r => r.During == step.Key && r.Status == 200)} answered, {reads.Count(r => r.During == step.Key && r.Status != 200)} refused, " +
                                 $"the slowest in {reads.Where(r => r.During == step.Key).Select(r => r.Took.TotalSeconds).DefaultIfEmpty().Max():0.0} s");

            writes.Where(w => !w.Confirmed && !w.Refused).Should().BeEmpty("every write is confirmed or refused with a 502/503/504 problem: never a 500, another status or a hang");
            reads.Where(r => !r.Clean).Should().BeEmpty("every dashboard read answers or is refused with a 502/503/504 problem");
            writes.Should().OnlyHaveUniqueItems(w => w.Name);

            // What the source holds now: every confirmed write, under the id it was confirmed with; nothing twice; nothing
            // that was not written. A refused write may be there (its commit came before the connection dropped) or not.
            var source = await OrganizationsAsync(client, subsidiary, ct);
            source.Should().OnlyHaveUniqueItems(o => o.Name, "no write is applied twice");
            var byName = source.ToDictionary(o => o.Name);
            byName.Keys.Should().BeSubsetOf(writes.Select(w => w.Name), "nothing is there that was not written");
            foreach (var w in writes.Where(w => w.Confirmed))
                byName.GetValueOrDefault(w.Name)?.Id.Should().Be(w.Id!.Value, w.Name);
            writes.Where(w => w.Confirmed).Select(w => w.Name).Should().BeSubsetOf(byName.Keys, "every confirmed write is kept");
            var refusedButApplied = writes.Where(w => w.Refused && byName.ContainsKey(w.Name)).ToList();
            source.Should().HaveCount(writes.Count(w => w.Confirmed) + refusedButApplied.Count);
            output.WriteLine($"{writes.Length} writes: {writes.Count(w => w.Confirmed)} confirmed, {writes.Count(w => w.Refused)} refused, " +
                             $"of which {refusedButApplied.Count} had been applied ({string.Join(", ", refusedButApplied.Select(w => $"{w.Status} during {w.During}"))})");

            // A client retries a refused create with its Idempotency-Key: one that had been applied is answered with what
            // was created, the others are created now. Then every write is in the source exactly once.
            foreach (var w in writes.Where(w => w.Refused))
            {
                var retried = await CreateAsync(client, subsidiary, w.Name, w.Key, "retry");
                retried.Status.Should().Be(201, $"the retry of {w.Name} succeeds on a healthy stack: {retried.Error}");
                if (byName.TryGetValue(w.Name, out var applied)) retried.Id.Should().Be(applied.Id, $"{w.Name} was applied before: its retry is not a second create");
            }
            source = await OrganizationsAsync(client, subsidiary, ct);
            source.Select(o => o.Name).Should().BeEquivalentTo(writes.Select(w => w.Name), "every write is in the source exactly once");
            var total = source.Count;

            // The read side reaches the same numbers, within a bound.
            var counts = await EventuallyAsync(() => client.GetFromJsonAsync<SubsidiaryCounts>($"/api/v1/dashboard/subsidiaries/{subsidiary}", ct),
                c => c?.Organizations == total, ct);
            counts.Should().Be(new SubsidiaryCounts(subsidiary, total, total));
            (await client.GetFromJsonAsync<GroupDashboard>("/api/v1/dashboard", ct)).Should().Be(new GroupDashboard(1, total));
            var organizationUrl = app.Endpoint(ResourceNames.Organization).ToString();
            foreach (var instance in AllianceAppModel.ReportingInstances)
            {
                var report = new StringWriter();
                var exit = await ReconcileCommand.RunAsync(["--organization", organizationUrl, "--reporting", app.Endpoint(instance).ToString()], report, ct);
                exit.Should().Be(0, $"{instance} reconciles with the organization service: {report}");
            }
            Log(clock, $"{total} organizations in the source and on the dashboard");
        }
        finally
        {
            await load.CancelAsync(); // also when a step failed: no load goes on against a stopped stack
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    void Log(Stopwatch clock, string message) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {message}");

    static async Task<HttpClient> SignedInAsync(Uri gateway, CancellationToken ct)
    {
        // Longer than the gateway's deadline on service calls (10 s): a write that hangs shows as a timeout, not as a wait.
        var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        var response = await client.PostAsJsonAsync("/api/dev/token", new { role = Roles.GroupAdmin, userName = "kill-test" }, ct);
        var token = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Token>(ct))!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    async Task WriteAsync(HttpClient client, Guid subsidiary, int writer, CancellationToken ct)
    {
        for (var i = 0; !ct.IsCancellationRequested; i++)
        {
            var during = _during;
            var write = await CreateAsync(client, subsidiary, $"演练党委-{writer}-{i:D5}", Guid.NewGuid().ToString(), during);
            lock (_writes) _writes.Add(write);
            try { await Task.Delay(write.Confirmed ? 40 : 200, ct); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One create with its Idempotency-Key, as far as the client can tell. Never cancelled: a write under way when
    /// the load stops finishes, so that its outcome is known; a hang shows as the client's timeout.</summary>
    static async Task<Write> CreateAsync(HttpClient client, Guid subsidiary, string name, string key, string during)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations")
        {
            Content = JsonContent.Create(new { subsidiaryId = subsidiary, name, kind = "committee" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await client.SendAsync(request, CancellationToken.None);
            var status = (int)response.StatusCode;
            if (status == 201)
                return new Write(name, key, during, status, (await response.Content.ReadFromJsonAsync<OrganizationRow>(CancellationToken.None))!.Id, null);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            return new Write(name, key, during, status, null, status is 502 or 503 or 504 && problem ? null : $"{status} {response.Content.Headers.ContentType}: {body}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Write(name, key, during, 0, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    async Task ReadAsync(HttpClient client, Guid subsidiary, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var during = _during;
            var started = Stopwatch.GetTimestamp();
            Read read;
            try
            {
                using var response = await client.GetAsync($"/api/v1/dashboard/subsidiaries/{subsidiary}", CancellationToken.None);
                var status = (int)response.StatusCode;
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                read = new Read(during, status, status == 200 || status is 502 or 503 or 504 && problem
                    ? null : $"{status}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}", Stopwatch.GetElapsedTime(started));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                read = new Read(during, 0, $"{e.GetType().Name}: {e.Message}", Stopwatch.GetElapsedTime(started));
            }
            lock (_reads) _reads.Add(read);
            try { await Task.Delay(250, ct); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Waits until <paramref name="more"/> writes started after now have been confirmed.</summary>
    async Task ConfirmedWritesGrowAsync(int more, CancellationToken ct)
    {
        int Confirmed() { lock (_writes) return _writes.Count(w => w.Confirmed); }
        var target = Confirmed() + more + 2; // the two writes under way may be from before
        using var recovery = CancellationTokenSource.CreateLinkedTokenSource(ct);
        recovery.CancelAfter(Recovery);
        while (Confirmed() < target)
        {
            if (recovery.IsCancellationRequested)
            {
                lock (_writes)
                    throw new TimeoutException($"Writes were not confirmed again within {Recovery.TotalSeconds:0} s of {_during}; last answers: " +
                        string.Join(" | ", _writes.TakeLast(3).Select(w => w.Error ?? w.Status.ToString())));
            }
            await Task.Delay(100, CancellationToken.None);
        }
    }

    async Task DashboardAnswersAsync(CancellationToken ct)
    {
        int Answered() { lock (_reads) return _reads.Count(r => r.Status == 200); }
        var target = Answered() + 2;
        using var recovery = CancellationTokenSource.CreateLinkedTokenSource(ct);
        recovery.CancelAfter(Recovery);
        while (Answered() < target)
        {
            if (recovery.IsCancellationRequested) throw new TimeoutException($"The dashboard did not answer within {Recovery.TotalSeconds:0} s of {_during}.");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Waits until the dashboard counts at least every write confirmed so far (it may count more: writes confirmed
    /// meanwhile, and refused ones that had been applied); returns that number of confirmed writes.</summary>
    async Task<int> ReadSideCatchesUpAsync(HttpClient client, Guid subsidiary, CancellationToken ct)
    {
        int confirmed;
        lock (_writes) confirmed = _writes.Count(w => w.Confirmed);
        var shown = -1;
        var deadline = DateTime.UtcNow + CatchUp;
        while (shown < confirmed)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"After {_during}, the dashboard showed {shown} organizations within {CatchUp.TotalSeconds:0} s; {confirmed} had been confirmed.");
            using var response = await client.GetAsync($"/api/v1/dashboard/subsidiaries/{subsidiary}", ct);
            if (response.IsSuccessStatusCode) shown = (await response.Content.ReadFromJsonAsync<SubsidiaryCounts>(ct))!.Organizations;
            if (shown < confirmed) await Task.Delay(200, ct);
        }
        return confirmed;
    }

    /// <summary>SIGKILL to the servers' own processes (beam.smp; the postmaster under pg-run.sh), then waits for each
    /// resource to run again, with another process, and be healthy.</summary>
    static async Task KillAndAwaitRestartAsync(DistributedApplication app, string[] names, CancellationToken ct)
    {
        var before = new Dictionary<string, int>();
        foreach (var name in names) before[name] = await app.ProcessIdAsync(name, ct);
        foreach (var name in names)
        {
            var target = name switch
            {
                ResourceNames.Bus => ProcessNamed(before[name], "beam.smp"),
                ResourceNames.Postgres => ProcessNamed(before[name], "postgres"),
                _ => before[name],
            };
            Process.GetProcessById(target).Kill(); // SIGKILL
        }
        using var recovery = CancellationTokenSource.CreateLinkedTokenSource(ct);
        recovery.CancelAfter(Recovery);
        foreach (var name in names)
        {
            try
            {
                await app.ResourceNotifications.WaitForResourceAsync(name, e =>
                    e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == HealthStatus.Healthy
                    && RunningApp.ProcessIdOf(e.Snapshot) is { } pid && pid != before[name], recovery.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{name} was not running and healthy again within {Recovery.TotalSeconds:0} s of its kill -9.");
            }
        }
    }

    /// <summary>The process itself when its command is <paramref name="command"/>, else its nearest descendant that is.</summary>
    static int ProcessNamed(int pid, string command)
    {
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var p))
        {
            if (Command(p) == command) return p;
            foreach (var child in Children(p)) queue.Enqueue(child);
        }
        throw new InvalidOperationException($"No {command} process at or under {pid} ({Command(pid)}).");
    }

    static string? Command(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); } catch (IOException) { return null; }
    }

    static IEnumerable<int> Children(int pid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var p)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; }
            // pid (comm) state ppid ...: the command may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == pid) yield return p;
        }
    }

    static async Task<List<OrganizationRow>> OrganizationsAsync(HttpClient client, Guid subsidiary, CancellationToken ct)
    {
        var all = new List<OrganizationRow>();
        for (var page = 1; ; page++)
        {
            var result = (await client.GetFromJsonAsync<Page>($"/api/v1/subsidiaries/{subsidiary}/organizations?pageSize=200&page={page}", ct))!;
            all.AddRange(result.Items);
            if (result.Items.Count == 0 || all.Count >= result.Total) return all;
        }
    }

    static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + CatchUp;
        T value;
        while (!condition(value = await read()) && DateTime.UtcNow < deadline) await Task.Delay(200, ct);
        return value;
    }
}
