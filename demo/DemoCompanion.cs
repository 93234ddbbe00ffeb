using Hive.Client;
using Hive.Common;
using Hive.Silo.Hosting;
using Hive.Swarm;

namespace Hive.Demo;

/// <summary>
/// Seeds the week-1 swarm and runs its sample agents inside the silo's process, printing the flow; with
/// <c>--exit</c> the process exits 0 once all tasks are completed, after printing the computed summary.
/// </summary>
public sealed class DemoCompanion(bool exitWhenDone) : ISiloCompanion
{
    public const string ExitFlag = "--exit";

    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan IdlePace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(3);

    public IReadOnlyCollection<string> Flags { get; } = [ExitFlag];

    public IReadOnlyCollection<string> ServiceRoles { get; } = [.. SwarmPlan.Week1().Members.Select(m => m.Role).Distinct()];

    public async Task<int?> RunAsync(IHost host, string? serviceToken)
    {
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var credential = serviceToken is null ? HiveCredential.None : HiveCredential.Token(serviceToken);
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
