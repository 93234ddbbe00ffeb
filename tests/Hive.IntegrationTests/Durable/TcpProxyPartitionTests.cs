using System.Net;
using System.Net.Sockets;

namespace Hive.Tests.Durable;

/// <summary>
/// <see cref="TcpProxy.Partition"/> with <see cref="ProcessSockets.DialedBy"/>, the partition drill's two tools, on a
/// loopback server: the cut picks the connections a process dialed, stalls them both ways without closing
/// them, and the stream carries on where it stopped once healed.
/// </summary>
[Trait("Category", "Durable")]
public sealed class TcpProxyPartitionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_partition_stalls_the_connections_a_process_dialed_and_healing_resumes_them_intact()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        await using var proxy = TcpProxy.To(server.LocalEndpoint);
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, proxy.Port));
        using var far = await server.AcceptSocketAsync();
        await SendAsync(client, 1);
        Assert.Equal(1, await ReceiveAsync(far, Within));

        Assert.Equal(0, proxy.Partition(ProcessSockets.DialedBy(1)));
        proxy.Heal();
        Assert.Equal(1, proxy.Partition(ProcessSockets.DialedBy(Environment.ProcessId)));
        await SendAsync(client, 2);
        await SendAsync(far, 3);
        Assert.Null(await ReceiveAsync(far, TimeSpan.FromSeconds(1)));
        Assert.Null(await ReceiveAsync(client, TimeSpan.FromSeconds(1)));
        Assert.True(client.Connected && far.Connected);

        proxy.Heal();
        Assert.Equal(2, await ReceiveAsync(far, Within));
        Assert.Equal(3, await ReceiveAsync(client, Within));
    }

    private static Task<int> SendAsync(Socket socket, byte value) => socket.SendAsync(new[] { value });

    /// <summary>The next byte, or null when none arrives within <paramref name="within"/> (nothing is consumed then).</summary>
    private static async Task<int?> ReceiveAsync(Socket socket, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (socket.Available == 0)
        {
            if (DateTime.UtcNow > deadline) return null;
            await Task.Delay(20);
        }
        var buffer = new byte[1];
        return await socket.ReceiveAsync(buffer) == 1 ? buffer[0] : -1;
    }
}
