using System.Net;
using System.Net.Sockets;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// Whether a RabbitMQ broker answers: AMQP 0-9-1's protocol header is answered by a Connection.Start method frame. The
/// one check of it: the services' <see cref="BrokerGate"/>, and the AppHost (this file is compiled into it too) for the
/// brokers it starts and the external ones it is given.
/// </summary>
internal static class AmqpProbe
{
    /// <summary>The port of an <c>amqp://</c> URI, AMQP's own when it names none.</summary>
    public static int PortOf(Uri broker) => broker.Port > 0 ? broker.Port : 5672;

    /// <summary>True when the broker answers within 2 s; false when nothing listens, it says nothing or it closes.</summary>
    public static async Task<bool> AnswersAsync(string host, int port, CancellationToken ct)
    {
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(host == "localhost" ? IPAddress.Loopback.ToString() : host, port, bounded.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\x09\x01"u8.ToArray(), bounded.Token);
            var frame = new byte[1];
            return await stream.ReadAsync(frame, bounded.Token) == 1 && frame[0] == 1; // frame type 1: a method
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
