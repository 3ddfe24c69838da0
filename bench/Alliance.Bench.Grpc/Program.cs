// Starts a Grpc.AspNetCore server (as the services configure it) and a hand-framed Kestrel endpoint answering the same rpc, drives both with h2load in
// alternating rounds and prints calls/s, p50 and p99 for each round, the medians and their ratios.
// Usage: dotnet run -c Release [-- requests clients streams rounds]
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Alliance.Bench.Grpc;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// 100,000 calls a round (about 1-2 s): 20,000 were over in a few hundred ms, while tiering still recompiled hot methods,
// and ratios of the same build ranged 0.5-1.0 from run to run.
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
var streams = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
const string Path = "/bench.v1.Echo/Echo";

await using var transport = await StartAsync(app => app.MapGrpcService<BenchEchoService>());
await using var handFramed = await StartAsync(app => app.MapPost(Path, HandFramedEchoAsync));

var body = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"alliance-bench-{Environment.ProcessId}.bin");
var message = new EchoRequest { Message = "hello from h2load" }.ToByteArray();
var frame = new byte[5 + message.Length];
BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
message.CopyTo(frame, 5);
await File.WriteAllBytesAsync(body, frame);

try
{
    // Both warmed up first (JIT, connections), then alternating rounds, so drift on the machine hits both alike.
    await RunH2LoadAsync(Address(transport) + Path, Math.Max(1000, requests / 5), logFile: null);
    await RunH2LoadAsync(Address(handFramed) + Path, Math.Max(1000, requests / 5), logFile: null);
    var ours = new List<Result>();
    var baseline = new List<Result>();
    Console.WriteLine($"{"round",-20} {"calls/s",10} {"p50 ms",8} {"p99 ms",8}");
    for (var round = 1; round <= rounds; round++)
    {
        foreach (var (list, result) in new[]
                 {
                     (ours, await MeasureAsync("Grpc.AspNetCore", Address(transport) + Path)),
                     (baseline, await MeasureAsync("hand-framed", Address(handFramed) + Path)),
                 })
        {
            list.Add(result);
            Console.WriteLine($"{$"{round}: {result.Name}",-20} {result.CallsPerSecond,10:0} {result.P50Ms,8:0.000} {result.P99Ms,8:0.000}");
        }
    }
    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
    var (oursRate, baseRate) = (Median(ours.Select(r => r.CallsPerSecond)), Median(baseline.Select(r => r.CallsPerSecond)));
    var (oursP50, baseP50) = (Median(ours.Select(r => r.P50Ms)), Median(baseline.Select(r => r.P50Ms)));
    var (oursP99, baseP99) = (Median(ours.Select(r => r.P99Ms)), Median(baseline.Select(r => r.P99Ms)));
    Console.WriteLine();
    Console.WriteLine($"{"median of " + rounds,-20} {"calls/s",10} {"p50 ms",8} {"p99 ms",8}");
    Console.WriteLine($"{"Grpc.AspNetCore",-20} {oursRate,10:0} {oursP50,8:0.000} {oursP99,8:0.000}");
    Console.WriteLine($"{"hand-framed",-20} {baseRate,10:0} {baseP50,8:0.000} {baseP99,8:0.000}");
    Console.WriteLine($"{"ours/baseline",-20} {oursRate / baseRate,10:0.00} {oursP50 / baseP50,8:0.00} {oursP99 / baseP99,8:0.00}");
}
finally
{
    File.Delete(body);
}

async Task<Result> MeasureAsync(string name, string url)
{
    var log = System.IO.Path.GetTempFileName();
    try
    {
        var output = await RunH2LoadAsync(url, requests, log);
        var durations = File.ReadLines(log)
            .Select(line => line.Split('\t'))
            .Where(columns => columns.Length >= 3 && columns[1] == "200")
            .Select(columns => double.Parse(columns[2], CultureInfo.InvariantCulture) / 1000.0)
            .Order()
            .ToArray();
        if (durations.Length < requests)
        {
            throw new InvalidOperationException($"{name}: only {durations.Length} of {requests} calls succeeded.{Environment.NewLine}{output}");
        }
        var perSecond = output.Split('\n').First(l => l.StartsWith("finished in", StringComparison.Ordinal))
            .Split(',')[1].Trim().Split(' ')[0];
        return new Result(name, double.Parse(perSecond, CultureInfo.InvariantCulture),
            durations[(int)(durations.Length * 0.50)], durations[(int)(durations.Length * 0.99)]);
    }
    finally
    {
        File.Delete(log);
    }
}

async Task<string> RunH2LoadAsync(string url, int count, string? logFile)
{
    var start = new ProcessStartInfo("h2load") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[]
    {
        "-n", count.ToString(CultureInfo.InvariantCulture), "-c", clients.ToString(CultureInfo.InvariantCulture),
        "-m", streams.ToString(CultureInfo.InvariantCulture), "-H", "content-type: application/grpc", "-H", "te: trailers",
        "-d", body, url,
    })
    {
        start.ArgumentList.Add(argument);
    }
    if (logFile is not null)
    {
        start.ArgumentList.Insert(0, $"--log-file={logFile}");
    }
    using var process = Process.Start(start)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    return output;
}

static async Task<WebApplication> StartAsync(Action<WebApplication> map)
{
    var builder = WebApplication.CreateBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.ClearProviders();
    builder.AddGrpcServer(); // HTTP/2-only endpoints for both, as the services have them; only the first maps a gRPC service
    var app = builder.Build();
    map(app);
    await app.StartAsync();
    return app;
}

static string Address(WebApplication app) =>
    app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');

// The same reply, framed by hand: what a transport costs is the difference from this.
static async Task HandFramedEchoAsync(HttpContext http)
{
    using var buffer = new MemoryStream();
    await http.Request.Body.CopyToAsync(buffer);
    var request = EchoRequest.Parser.ParseFrom(buffer.GetBuffer().AsSpan(5, (int)buffer.Length - 5));
    var reply = new EchoReply { Message = request.Message }.ToByteArray();
    var frame = new byte[5 + reply.Length];
    BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)reply.Length);
    reply.CopyTo(frame, 5);
    http.Response.ContentType = "application/grpc";
    await http.Response.Body.WriteAsync(frame);
    http.Features.Get<IHttpResponseTrailersFeature>()!.Trailers["grpc-status"] = "0";
}

internal sealed record Result(string Name, double CallsPerSecond, double P50Ms, double P99Ms);

internal sealed class BenchEchoService : Echo.EchoBase
{
    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Message = request.Message });
}
