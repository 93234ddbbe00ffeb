using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hive.Tests.Durable;

/// <summary>
/// Which local process opened the other end of a loopback connection, read from Linux's /proc: the connection's row
/// in /proc/net/tcp (or tcp6) names the dialing socket's inode, and the process holding that inode has it among its
/// file descriptors. Lets a <see cref="TcpProxy"/> cut only the connections one silo process dialed.
/// </summary>
internal static class ProcessSockets
{
    /// <summary>A test for <see cref="TcpProxy.Partition"/>: true for connections (accepted sockets) dialed by process <paramref name="pid"/>.</summary>
    public static Func<Socket, bool> DialedBy(int pid) => accepted =>
        accepted.RemoteEndPoint is IPEndPoint dialer && accepted.LocalEndPoint is IPEndPoint proxy
        && InodeOf(dialer.Port, proxy.Port) is { } inode && Holds(pid, inode);

    /// <summary>The inode of the socket whose local port is <paramref name="localPort"/> and remote port <paramref name="remotePort"/>.</summary>
    private static string? InodeOf(int localPort, int remotePort)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10) continue;
                if (PortOf(fields[1]) == localPort && PortOf(fields[2]) == remotePort) return fields[9];
            }
        }
        return null;
    }

    private static int PortOf(string address) =>
        int.Parse(address.AsSpan(address.LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static bool Holds(int pid, string inode)
    {
        var wanted = $"socket:[{inode}]";
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd")
                .Any(fd => new FileInfo(fd).LinkTarget == wanted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process is gone (or a descriptor closed while we looked): it dialed nothing that is still open.
            return false;
        }
    }
}
