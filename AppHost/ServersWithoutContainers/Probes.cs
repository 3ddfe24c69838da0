using System.Net;
using System.Net.Sockets;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Alliance.AppHost.ServersWithoutContainers;

/// <summary>The AppHost's health checks, at protocol level and without client packages (each bounded to 3 s).</summary>
public static class Probes
{
    static async Task<HealthCheckResult> Run(Func<CancellationToken, Task<bool>> probe, CancellationToken ct)
    {
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(TimeSpan.FromSeconds(3));
            return await probe(bounded.Token) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("unexpected answer");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }

    public static Task<HealthCheckResult> TcpAsync(int port, CancellationToken ct) => Run(async t =>
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, t);
        return true;
    }, ct);

    /// <summary>Redis: PING is answered by +PONG.</summary>
    public static Task<HealthCheckResult> RedisAsync(int port, CancellationToken ct) => Run(async t =>
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, t);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), t);
        var buffer = new byte[16];
        var n = await stream.ReadAsync(buffer, t);
        return buffer.AsSpan(0, n).StartsWith("+PONG"u8);
    }, ct);

    /// <summary>RabbitMQ: the services' own check (<see cref="AmqpProbe"/>).</summary>
    public static Task<HealthCheckResult> AmqpAsync(int port, CancellationToken ct) =>
        Run(t => AmqpProbe.AnswersAsync("127.0.0.1", port, t), ct);

    /// <summary>PostgreSQL: a connection and <c>select 1</c>.</summary>
    public static Task<HealthCheckResult> PostgresAsync(string connectionString, CancellationToken ct) => Run(async t =>
    {
        await using var conn = new NpgsqlConnection(connectionString + ";Timeout=3;Pooling=false");
        await conn.OpenAsync(t);
        await using var cmd = new NpgsqlCommand("select 1", conn);
        return (int)(await cmd.ExecuteScalarAsync(t))! == 1;
    }, ct);

    /// <summary>
    /// gRPC health (grpc.health.v1.Health/Check, empty service name) over cleartext HTTP/2: the services' ports speak
    /// HTTP/2 only, which an HTTP/1 health check cannot reach. SERVING is the message bytes 08 01 with grpc-status 0.
    /// </summary>
    public static Task<HealthCheckResult> GrpcAsync(Func<string> baseUrl, CancellationToken ct) => Run(async t =>
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl().TrimEnd('/') + "/grpc.health.v1.Health/Check")
        {
            // A request's own Version wins over HttpClient.DefaultRequestVersion: h2c with prior knowledge needs it here.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]), // an empty HealthCheckRequest: not compressed, length 0
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        using var response = await http.SendAsync(request, t);
        var body = await response.Content.ReadAsByteArrayAsync(t);
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var s) ? s.FirstOrDefault()
            : response.Headers.TryGetValues("grpc-status", out var h) ? h.FirstOrDefault() : null;
        return status == "0" && body.AsSpan().EndsWith(new byte[] { 0x08, 0x01 });
    }, ct);
}
