using System.Net;
using System.Net.Sockets;

namespace Alliance.AppHost.Infrastructure;

/// <summary>Free loopback ports, so two AppHosts (or test runs) on one machine never collide.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
