using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Output;

namespace Hive.Console.Commands;

/// <summary>
/// <c>hive status</c>: what the console is connected to, the service level and halt switch, and how many agents, tasks
/// and escalations are in each status.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CommandRunner runner)
    {
        var json = Options.Json();
        var command = new Command("status", "Where the console is connected, the service level and halt switch, and how many agents, tasks and escalations are in each status.") { json }
            .WithExamples("hive status", "hive status --json", "HIVE_GATEWAY=10.0.0.5:30000 hive status");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var health = await hive.Health.GetStatusAsync();
            var agents = await Paging.ReadAllAsync((size, token) => hive.Agents.ListAsync(new AgentQuery(PageSize: size, PageToken: token)));
            var tasks = await Paging.ReadAllAsync((size, token) => hive.Tasks.ListAsync(new TaskQuery(PageSize: size, PageToken: token)));
            var escalations = await Paging.ReadAllAsync((size, token) => hive.Escalations.ListAsync(new EscalationQuery(PageSize: size, PageToken: token)));
            var counts = new[]
            {
                ("agents", Count(agents.Items.Select(a => a.Status))),
                ("tasks", Count(tasks.Items.Select(t => t.Status))),
                ("escalations", Count(escalations.Items.Select(e => e.Status))),
            };
            var settings = context.Settings;
            if (context.Get(json))
            {
                context.Out.Json(new
                {
                    gateways = settings.Gateways,
                    clusterId = settings.ClusterId,
                    serviceId = settings.ServiceId,
                    serviceLevel = health.Level,
                    pinnedBy = health.PinnedBy,
                    halted = health.Halted,
                    haltedBy = health.HaltedBy,
                    haltReason = health.HaltReason,
                    agents = Json(counts[0].Item2),
                    tasks = Json(counts[1].Item2),
                    escalations = Json(counts[2].Item2),
                });
                return ExitCodes.Ok;
            }
            context.Out.Line($"Connected to {settings.Describe()}.");
            context.Out.Line(HealthViews.LevelLine(health));
            context.Out.Line($"Halted: {HealthViews.Halted(health)}.");
            context.Out.Write(new Columns(counts.Select(c => Terminal.Grid(
                [$"{c.Item1.ToUpperInvariant()} ({c.Item2.Sum(p => p.Count)})", "COUNT"],
                c.Item2.Select(p => new[] { p.Status, p.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) })))).Collapse());
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Every status of the kind, zeros included, in lifecycle order.</summary>
    private static List<(string Status, int Count)> Count<T>(IEnumerable<T> statuses) where T : struct, Enum
    {
        var counts = statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        return [.. Enum.GetValues<T>().Select(s => (Names.Of(s), counts.GetValueOrDefault(s)))];
    }

    private static object Json(List<(string Status, int Count)> counts) => new
    {
        total = counts.Sum(c => c.Count),
        byStatus = counts.ToDictionary(c => c.Status, c => c.Count),
    };
}
