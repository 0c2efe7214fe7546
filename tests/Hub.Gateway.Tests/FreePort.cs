using System.Net;
using System.Net.Sockets;

namespace Hub.Gateway.Tests;

internal static class FreePort
{
    /// <summary>A port nothing listens on now, for a server that must come back on the same one.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
