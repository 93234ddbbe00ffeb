using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Hive.Tests.Durable;

/// <summary>
/// A loopback TCP proxy in front of the test PostgreSQL, so a test can take "the database" away without stopping
/// the server other tests share: <see cref="Down"/> cuts every connection and refuses new ones (a stopped server),
/// <see cref="Hang"/> cuts them and swallows new ones without an answer (a network black hole), <see cref="Up"/> forwards again.
/// It forwards any TCP protocol: <see cref="ToRedis"/> puts one in front of Redis.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private enum Mode
    {
        Forward,
        Refuse,
        Swallow,
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly EndPoint _target;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile Mode _mode = Mode.Forward;

    private TcpProxy(EndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A proxy to the server of <paramref name="connectionString"/> (TCP host or Unix socket directory).</summary>
    public static TcpProxy To(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var host = builder.Host ?? "localhost";
        EndPoint target = host.StartsWith('/')
            ? new UnixDomainSocketEndPoint(Path.Combine(host, $".s.PGSQL.{builder.Port}"))
            : new DnsEndPoint(host.Split(',')[0], builder.Port);
        return new TcpProxy(target);
    }

    /// <summary>A proxy to the Redis of a StackExchange.Redis configuration string (its first <c>host:port</c>).</summary>
    public static TcpProxy ToRedis(string configuration)
    {
        var endpoint = configuration.Split(',')[0].Trim();
        var colon = endpoint.LastIndexOf(':');
        return colon < 0
            ? new TcpProxy(new DnsEndPoint(endpoint, 6379))
            : new TcpProxy(new DnsEndPoint(endpoint[..colon], int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>What a Redis client configures to reach the server through this proxy.</summary>
    public string RedisConfiguration => $"127.0.0.1:{Port}";

    /// <summary>The connection string through this proxy, for the given schema's connections.</summary>
    public string ConnectionString(PostgresSchema schema) => new NpgsqlConnectionStringBuilder(PostgresSchema.ConnectionString)
    {
        Host = "127.0.0.1",
        Port = Port,
        SearchPath = schema.Name,
        ApplicationName = schema.Name,
        Timeout = 2,
        // A cancel request to an unreachable server would wait this long before giving up on the connection.
        CancellationTimeout = 200,
    }.ConnectionString;

    public void Down() => Switch(Mode.Refuse);

    public void Hang() => Switch(Mode.Swallow);

    public void Up() => _mode = Mode.Forward;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        await _accepting;
        _stop.Dispose();
    }

    private void Switch(Mode mode)
    {
        _mode = mode;
        CutAll();
    }

    private void CutAll()
    {
        foreach (var socket in _open.Keys) Close(socket);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            switch (_mode)
            {
                case Mode.Refuse:
                    Close(client);
                    break;
                case Mode.Swallow:
                    _open.TryAdd(client, 0);
                    break;
                default:
                    _ = ForwardAsync(client);
                    break;
            }
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var server = _target is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        _open.TryAdd(client, 0);
        _open.TryAdd(server, 0);
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away (or the test cut it): the other side goes too, below.
        }
        finally
        {
            Close(client);
            Close(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, _stop.Token)) > 0) await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Cut: ForwardAsync closes both sides.
        }
    }

    private void Close(Socket socket)
    {
        _open.TryRemove(socket, out _);
        try
        {
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already closed by the other pump.
        }
    }
}
