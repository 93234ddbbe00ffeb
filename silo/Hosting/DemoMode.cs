using Hive.Client;
using Hive.Swarm;

namespace Hive.Silo.Hosting;

/// <summary>
/// <c>--demo</c> seeds the week-1 swarm and runs its sample agents inside this process, printing the flow;
/// <c>--demo-exit</c> also exits 0 once all tasks are completed, after printing the computed summary.
/// </summary>
public static class DemoMode
{
    public const string Flag = "--demo";
    public const string ExitFlag = "--demo-exit";

    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan IdlePace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(3);

    /// <summary>Runs the demo; returns the exit code when the process should end now, or null to keep serving.</summary>
    /// <param name="swarmToken">The swarm's service credential; null when the silo does not authenticate callers.</param>
    public static async Task<int?> RunAsync(IHost host, bool exitWhenDone, string? swarmToken)
    {
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var credential = swarmToken is null ? HiveCredential.None : HiveCredential.Token(swarmToken);
        var hive = new HiveClient(host.Services.GetRequiredService<IClusterClient>(), new HiveCalls("demo-swarm", new HiveResilienceOptions(), credential));
        var swarm = new DemoSwarm(hive, SwarmPlan.Week1(), line => Console.WriteLine($"[{DateTime.Now:HH:mm:ss.f}] {line}"));
        try
        {
            await swarm.SeedAsync();
            var summary = await swarm.RunUntilDoneAsync(Pace, Within, stopping);
            Console.WriteLine();
            Console.WriteLine(summary.ToMarkdown());
            Console.WriteLine();
        }
        catch (Exception e) when (e is TimeoutException or HiveException)
        {
            Console.Error.WriteLine($"hive: the demo failed: {e.Message}");
            return 1;
        }
        if (exitWhenDone) return 0;
        Console.WriteLine("The swarm keeps heartbeating; drive the hive from a service or the console. Ctrl+C stops it.");
        _ = swarm.KeepRunningAsync(IdlePace, stopping);
        return null;
    }
}
