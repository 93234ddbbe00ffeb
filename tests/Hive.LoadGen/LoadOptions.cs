using System.Globalization;

namespace Hive.LoadGen;

/// <summary>Command-line settings; every one has a default that matches scripts/bench.sh's full run.</summary>
internal sealed record LoadOptions
{
    public string Gateway { get; init; } = "127.0.0.1:30000";
    public string ClusterId { get; init; } = "hive";
    public string? Postgres { get; init; } = Environment.GetEnvironmentVariable("HIVE_TEST_POSTGRES");
    public int? SiloPid { get; init; }
    public bool Quick { get; init; }
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 100, 1000];
    public int HeartbeatAgents { get; init; } = 100_000;
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan HeartbeatDeadline { get; init; } = TimeSpan.FromSeconds(30);
    public string Json { get; init; } = "bench-results.json";
    public IReadOnlyList<string>? Only { get; init; }
    public string? PgStats { get; init; }

    /// <summary>A JSON file listing the silos that price authentication and TLS (<see cref="TransportSilos"/>); none when unset.</summary>
    public string? TransportSilos { get; init; }

    /// <summary>A file holding the generator's credential (an operator of every scope), for a hive that authenticates callers.</summary>
    public string? TokenFile { get; init; }

    public const string Usage = """
        usage: Hive.LoadGen [--quick] [--gateway host:port] [--cluster-id ID] [--postgres <connection string>] [--silo-pid N]
                            [--warmup S] [--duration S] [--concurrency 1,100,1000] [--agents N]
                            [--heartbeat-interval S] [--heartbeat-deadline S] [--json PATH] [--only a,b,...]
                            [--pg-stats <connection string to a database with pg_stat_statements>] [--token-file PATH] [--transport-silos PATH]
        --quick: 0.5 s warm-up, 1.5 s per case, 5,000 heartbeat agents (later flags override). PostgreSQL defaults to HIVE_TEST_POSTGRES.
        """;

    public static LoadOptions Parse(string[] args)
    {
        var options = args.Contains("--quick")
            ? new LoadOptions { Quick = true, WarmUp = TimeSpan.FromSeconds(0.5), Duration = TimeSpan.FromSeconds(1.5), HeartbeatAgents = 5_000 }
            : new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick") continue;
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value.");
            var value = args[++i];
            options = args[i - 1] switch
            {
                "--gateway" => options with { Gateway = value },
                "--cluster-id" => options with { ClusterId = value },
                "--postgres" => options with { Postgres = value },
                "--silo-pid" => options with { SiloPid = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { WarmUp = Seconds(value) },
                "--duration" => options with { Duration = Seconds(value) },
                "--concurrency" => options with { Concurrency = value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() },
                "--agents" => options with { HeartbeatAgents = int.Parse(value, CultureInfo.InvariantCulture) },
                "--heartbeat-interval" => options with { HeartbeatInterval = Seconds(value) },
                "--heartbeat-deadline" => options with { HeartbeatDeadline = Seconds(value) },
                "--json" => options with { Json = value },
                "--only" => options with { Only = value.Split(',') },
                "--pg-stats" => options with { PgStats = value },
                "--token-file" => options with { TokenFile = value },
                "--transport-silos" => options with { TransportSilos = value },
                _ => throw new ArgumentException($"Unknown option {args[i - 1]}."),
            };
        }
        if (string.IsNullOrEmpty(options.Postgres)) throw new ArgumentException("No PostgreSQL: pass --postgres or set HIVE_TEST_POSTGRES.");
        return options;
    }

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
