using System.Diagnostics;
using System.Globalization;

namespace Hive.Tests.Durable;

/// <summary>
/// A PostgreSQL server of one test's own, so the test can really crash it (<see cref="KillAsync"/>, which is
/// <c>pg_ctl stop -m immediate</c>) and start it again without touching the server other tests share. Made as
/// scripts/services.sh makes the shared one: initdb as the postgres user (initdb refuses root) into a temporary
/// folder, passwords over TCP on a free loopback port, fsync on; then a role <c>hive</c> owning a database <c>hive</c>.
/// Stopped and deleted on dispose (and when the test process exits, should a fixture never be disposed).
/// initdb and start take about 1.5 s here.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Password = "hive-private";
    private static readonly string Bin = Environment.GetEnvironmentVariable("HIVE_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);
    private readonly string _folder;
    private int _disposed;

    private PrivatePostgres(string folder, int port)
    {
        _folder = folder;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public int Port { get; }

    /// <summary>The database <c>hive</c> as its owner <c>hive</c>, over TCP.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = "hive",
        Username = "hive",
        Password = Password,
    }.ConnectionString;

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>A fresh server, running, with the role and database <c>hive</c>.</summary>
    public static async Task<PrivatePostgres> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("hive-private-pg-").FullName;
        var server = new PrivatePostgres(folder, FreePorts.Next());
        try
        {
            await RunAsync("chown", "postgres:", folder);
            var passwordFile = Path.Combine(folder, "password");
            await File.WriteAllTextAsync(passwordFile, Password + "\n");
            await RunAsync("chown", "postgres:", passwordFile);
            await AsPostgresAsync("initdb", "-D", server.DataFolder, "-U", "postgres", $"--pwfile={passwordFile}",
                "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--locale=C.UTF-8");
            File.Delete(passwordFile);
            await server.StartAgainAsync();
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString)
            {
                Database = "postgres",
                Username = "postgres",
                Pooling = false,
            }.ConnectionString);
            await connection.OpenAsync();
            foreach (var sql in new[] { $"CREATE ROLE hive LOGIN PASSWORD '{Password}'", "CREATE DATABASE hive OWNER hive" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>pg_ctl stop -m immediate</c>: every server process quits at once, as in a crash; the next start recovers from the WAL.</summary>
    public Task KillAsync() => AsPostgresAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");

    /// <summary>Starts the server (again, after <see cref="KillAsync"/>: crash recovery first) on the same port, and returns once it accepts connections.</summary>
    public Task StartAgainAsync() => AsPostgresAsync("pg_ctl", "-D", DataFolder, "-l", Path.Combine(_folder, "postgres.log"), "-w",
        "-t", Within.TotalSeconds.ToString(CultureInfo.InvariantCulture), "-o",
        $"-p {Port} -c listen_addresses=127.0.0.1 -k {_folder} -c max_connections=200", "start");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid"))) await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Not running after all (a stale pid file): nothing to stop.
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();

    // From /, as the postgres user: it may not be allowed into the folder the tests run in.
    private static Task AsPostgresAsync(string program, params string[] args) => RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, program), .. args]);

    private static async Task RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Within);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}{await errors}");
    }
}
