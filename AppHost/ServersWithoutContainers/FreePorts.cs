using System.Net;
using System.Net.Sockets;

namespace Alliance.AppHost.ServersWithoutContainers;

/// <summary>
/// Free loopback ports below 32768, picked when the AppHost starts: two AppHosts (or a test run beside ./run.sh) never
/// collide, and no port lands in Linux's ephemeral range (32768-60999), where the system hands out ports to outgoing
/// connections (such as the services' own connections to PostgreSQL) that could take it before the server binds it.
/// </summary>
public static class FreePorts
{
    const int First = 10000, End = 32768;
    static readonly HashSet<int> HandedOut = [];

    /// <summary>A port free now and never handed out before by this process (it is bound later, by another process).</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(First, End);
            lock (HandedOut)
                if (HandedOut.Contains(port)) continue;
            if (!IsFree(port)) continue;
            lock (HandedOut)
                if (HandedOut.Add(port)) return port;
        }
        throw new InvalidOperationException($"No free loopback port between {First} and {End}.");
    }

    static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException) { return false; }
    }
}
