using System.Net;
using System.Net.Sockets;

namespace Hub.Testing;

/// <summary>Ports for servers a test starts on a port it chooses (for one that must come back on the same port).</summary>
public static class FreePort
{
    // Below the kernel's ephemeral range (32768 and up by default), so an outgoing connection of
    // some other test cannot take the port between this check and the server binding it.
    private const int First = 20000;
    private const int Last = 32000;

    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            lock (Given)
            {
                if (!Given.Add(port))
                {
                    continue;
                }
            }
            if (IsFree(port))
            {
                return port;
            }
        }
        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
