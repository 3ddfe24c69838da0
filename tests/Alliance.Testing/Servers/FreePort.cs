using System.Net;
using System.Net.Sockets;

namespace Alliance.Testing.Servers;

/// <summary>Free loopback ports, so two AppHosts (or test runs) on one machine never collide.</summary>
public static class FreePort
{
    static readonly HashSet<int> HandedOut = [];

    /// <summary>A port free now and never handed out before by this process (a picked port is bound later, so the
    /// operating system could offer it again meanwhile: to the dashboard, say, while RabbitMQ is still booting).</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
                if (HandedOut.Add(port)) return port;
        }
    }
}
