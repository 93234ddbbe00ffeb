using System.Net;
using System.Net.Sockets;

namespace Hive.Tests.Processes;

/// <summary>Loopback ports the OS says are free right now.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
