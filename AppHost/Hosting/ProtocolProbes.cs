using System.Net;
using System.Net.Sockets;
using System.Text;
using Alliance.ServiceDefaults.Messaging;
using Npgsql;

namespace Alliance.AppHost.Hosting;

/// <summary>Health at protocol level for a server known only by its connection string (an external one).</summary>
internal static class ProtocolProbes
{
    public static async Task<bool> PostgresAsync(string connectionString, CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, Pooling = false };
        await using var conn = new NpgsqlConnection(csb.ConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("select 1", conn);
        return (int)(await cmd.ExecuteScalarAsync(ct))! == 1;
    }

    /// <summary>The AMQP 0-9-1 protocol header is answered by a Connection.Start method frame (<see cref="AmqpProbe"/>).</summary>
    public static Task<bool> RabbitMqAsync(string connectionString, CancellationToken ct)
    {
        var uri = new Uri(connectionString);
        return AmqpProbe.AnswersAsync(uri.Host, AmqpProbe.PortOf(uri), ct);
    }

    /// <summary>PING is answered by PONG. The connection string is StackExchange.Redis's: <c>host:port,option=value</c>.</summary>
    public static async Task<bool> RedisAsync(string connectionString, CancellationToken ct)
    {
        var endpoint = connectionString.Split(',')[0].Trim();
        var colon = endpoint.LastIndexOf(':');
        var (host, port) = colon > 0 ? (endpoint[..colon], int.Parse(endpoint[(colon + 1)..])) : (endpoint, 6379);
        using var client = await ConnectAsync(host, port, ct);
        var stream = client.GetStream();
        var password = connectionString.Split(',').Select(p => p.Trim())
            .FirstOrDefault(p => p.StartsWith("password=", StringComparison.OrdinalIgnoreCase))?["password=".Length..];
        if (password is not null) await stream.WriteAsync(Encoding.UTF8.GetBytes($"AUTH {password}\r\n"), ct);
        await stream.WriteAsync("PING\r\n"u8.ToArray(), ct);
        var buffer = new byte[256];
        var n = await stream.ReadAsync(buffer, ct);
        return Encoding.ASCII.GetString(buffer, 0, n).Contains("+PONG", StringComparison.Ordinal);
    }

    static async Task<TcpClient> ConnectAsync(string host, int port, CancellationToken ct)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host == "localhost" ? IPAddress.Loopback.ToString() : host, port, ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
