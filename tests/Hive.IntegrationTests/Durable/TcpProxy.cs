using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Hive.Tests.Durable;

/// <summary>
/// A loopback TCP proxy in front of the test PostgreSQL, so a test can take "the database" away without stopping
/// the server other tests share: <see cref="Down"/> cuts every connection and refuses new ones (a stopped server),
/// <see cref="Hang"/> cuts them and swallows new ones without an answer (a network black hole), <see cref="Up"/> forwards again.
/// <see cref="Partition"/> stalls the connections of chosen clients instead, the way dropped packets stall TCP: not a byte
/// either way, nothing closed, new ones held unanswered; <see cref="Heal"/> lets the stalled streams go on where they stopped.
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
    private readonly ConcurrentDictionary<Socket, Link> _links = new();
    private readonly ConcurrentDictionary<Socket, byte> _held = new();
    private volatile Mode _mode = Mode.Forward;
    private volatile Func<Socket, bool>? _partitioned;
    private TaskCompletionSource _healed = NewGate();

    private TcpProxy(EndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A proxy to <paramref name="target"/>, for any TCP service (a silo's silo-to-silo port, for example).</summary>
    public static TcpProxy To(EndPoint target) => new(target);

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

    /// <summary>
    /// From now until <see cref="Heal"/>, connections whose client (the accepted socket) <paramref name="cut"/> picks
    /// carry nothing either way and stay open, as over a network that drops every packet; new ones it picks are accepted
    /// and never answered. Other connections go on. Returns how many open connections it stalled.
    /// </summary>
    public int Partition(Func<Socket, bool> cut)
    {
        var stalled = 0;
        lock (_links)
        {
            _partitioned = cut;
            foreach (var link in _links.Values)
            {
                if (!Cuts(cut, link.Client)) continue;
                link.Gate = _healed.Task;
                stalled++;
            }
        }
        return stalled;
    }

    /// <summary>Stalled connections carry on where they stopped; connections held unanswered during the cut are closed, as their connect would have timed out.</summary>
    public void Heal()
    {
        TaskCompletionSource healed;
        lock (_links)
        {
            _partitioned = null;
            foreach (var link in _links.Values) link.Gate = null;
            healed = _healed;
            _healed = NewGate();
        }
        healed.TrySetResult();
        foreach (var socket in _held.Keys)
        {
            _held.TryRemove(socket, out _);
            Close(socket);
        }
    }

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
                    if (_partitioned is { } cut && Cuts(cut, client))
                    {
                        _open.TryAdd(client, 0);
                        _held.TryAdd(client, 0);
                    }
                    else _ = ForwardAsync(client);
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
        var link = new Link(client);
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            lock (_links)
            {
                if (_partitioned is { } cut && Cuts(cut, client)) link.Gate = _healed.Task;
                _links.TryAdd(client, link);
            }
            await Task.WhenAny(PumpAsync(link, client, server), PumpAsync(link, server, client));
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away (or the test cut it): the other side goes too, below.
        }
        finally
        {
            _links.TryRemove(client, out _);
            Close(client);
            Close(server);
        }
    }

    private async Task PumpAsync(Link link, Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                // Neither read nor write while cut: the sender's buffers fill and it waits, as it would for lost packets.
                await link.PassAsync(_stop.Token);
                var read = await from.ReceiveAsync(buffer, _stop.Token);
                if (read == 0) return;
                await link.PassAsync(_stop.Token);
                await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
            }
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

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static bool Cuts(Func<Socket, bool> cut, Socket client)
    {
        try
        {
            return cut(client);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>One forwarded connection, known by its accepted (client) socket; a set <see cref="Gate"/> stalls it until the gate opens.</summary>
    private sealed class Link(Socket client)
    {
        private volatile Task? _gate;

        public Socket Client { get; } = client;

        public Task? Gate
        {
            get => _gate;
            set => _gate = value;
        }

        public async Task PassAsync(CancellationToken cancellationToken)
        {
            while (_gate is { } gate) await gate.WaitAsync(cancellationToken);
        }
    }
}
