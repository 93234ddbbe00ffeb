using System.Net;
using System.Net.Sockets;

namespace Hive.Tests.Tls;

/// <summary>
/// An eavesdropper on the wire: a loopback TCP proxy that forwards every connection to a target port and keeps a copy
/// of every byte the clients sent.
/// </summary>
public sealed class TapProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly MemoryStream _captured = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TapProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public byte[] Captured
    {
        get { lock (_captured) return _captured.ToArray(); }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                await Task.WhenAny(
                    PumpAsync(client.GetStream(), server.GetStream(), record: true),
                    PumpAsync(server.GetStream(), client.GetStream(), record: false));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // One side hung up or the proxy stopped: the other side is closed with it.
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool record)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (record)
                lock (_captured) _captured.Write(buffer, 0, read);
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
