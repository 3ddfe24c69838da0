using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Alliance.Testing;

/// <summary>
/// An HR system on a loopback port (HttpListener), answering a Beisen-style list API incrementally by change time:
/// GET /employees?startTime=yyyy-MM-dd HH:mm:ss&amp;capacity=n → employees changed at or after startTime, oldest first.
/// </summary>
public sealed class FakeHrSystem : IDisposable
{
    public sealed record Employee(string Id, string Number, string Name, string Department, string Post, string Status, string ModifiedTime);

    readonly HttpListener _listener = new();
    readonly Task _loop;
    public ConcurrentQueue<string> Requests { get; } = new();
    public List<Employee> Employees { get; } = [];
    public string Token { get; set; } = "hr-token";
    /// <summary>Requests answered 500 when they ask for a page after this many requests (null: never).</summary>
    public int? FailAfterRequests { get; set; }
    public TimeSpan Delay { get; set; }
    public string BaseUrl { get; }

    public FakeHrSystem()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        Requests.Enqueue(request.Url!.PathAndQuery);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
        int status;
        string body;
        if (request.Headers["Authorization"] != "Bearer " + Token) (status, body) = (401, """{"code":"401","message":"bad token"}""");
        else if (FailAfterRequests is { } n && Requests.Count > n) (status, body) = (500, """{"code":"500","message":"HR is down"}""");
        else
        {
            var since = request.QueryString["startTime"] ?? "";
            var capacity = int.Parse(request.QueryString["capacity"] ?? "100", System.Globalization.CultureInfo.InvariantCulture);
            List<Employee> page;
            lock (Employees)
                page = Employees.Where(e => string.CompareOrdinal(e.ModifiedTime, since) >= 0).OrderBy(e => e.ModifiedTime).Take(capacity).ToList();
            var list = new JsonArray(page.Select(e => (JsonNode)new JsonObject
            {
                ["userID"] = e.Id, ["jobNumber"] = e.Number, ["name"] = e.Name, ["oIdDepartmentName"] = e.Department,
                ["jobPostName"] = e.Post, ["employeeStatus"] = e.Status, ["modifiedTime"] = e.ModifiedTime,
            }).ToArray());
            (status, body) = (200, new JsonObject { ["code"] = "200", ["data"] = new JsonObject { ["list"] = list } }.ToJsonString());
        }
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
