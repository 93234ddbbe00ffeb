using Hive.Console.Cli;
using Hive.Console.Connection;
using Hive.Console.Top;
using Spectre.Console.Testing;

namespace Hive.Tests.Console;

/// <summary><c>hive top</c> on Spectre's test console: one frame of the live hive, then q quits with exit 0.</summary>
[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleTopTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Top_renders_a_frame_of_the_level_agents_tasks_in_flight_and_open_escalations_then_quits_on_q()
    {
        var (role, title) = (TaskSteps.NewRole(), HiveClusterFixture.NewId("Urgent fix"));
        var task = TaskSteps.NewTaskId();
        await hive.Hive.Tasks.CreateAsync(TaskSteps.ForRole(role, task) with { Title = title, Priority = 100 }, TaskSteps.Operator);
        var agent = await hive.Hive.ClaimedByNewAgentAsync(task);
        var escalation = (await new EscalationTestKit(hive).RaiseAsync(Severity.Critical)).Id;
        var output = ConsoleRun.Wide().Height(2000);
        output.Input.PushCharacter('q');

        var result = await ConsoleRun.RunAsync(ConsoleRun.Environment(hive.Hive, hive.Time, output), "top");

        result.Succeeded();
        Assert.Contains("hive top", result.Out, StringComparison.Ordinal);
        Assert.Contains(agent, result.Out, StringComparison.Ordinal);
        Assert.Contains(title, result.Out, StringComparison.Ordinal);
        Assert.Contains(escalation, result.Out, StringComparison.Ordinal);
        Assert.Contains("Tasks in flight", result.Out, StringComparison.Ordinal);
        Assert.Contains("Service level: full.", result.Out, StringComparison.Ordinal);
        Assert.Contains("Halted: no.", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(TopView.UnreachableText, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_says_the_hive_is_unreachable_and_keeps_retrying_until_quit()
    {
        var output = ConsoleRun.Wide();
        var env = ConsoleRun.Environment(hive.Hive, hive.Time, output);
        var attempts = new CountingDeadConnector();
        var dead = new CliEnvironment
        {
            Out = env.Out, Error = env.Error, Variable = env.Variable, HomeDirectory = env.HomeDirectory, UserName = env.UserName,
            Connector = _ => attempts, TopInterval = TimeSpan.FromMilliseconds(20),
        };
        using var stop = new CancellationTokenSource();
        var run = HiveCli.RunAsync(["top"], dead, stop.Token);
        await HiveClusterFixture.Eventually(() => Task.FromResult(Volatile.Read(ref attempts.Count) >= 3), "top tried to connect three times");
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await run);
        Assert.Contains(TopView.UnreachableText, output.Output, StringComparison.Ordinal);
        Assert.Contains("connection refused", output.Output, StringComparison.Ordinal);
    }

    private sealed class CountingDeadConnector : IHiveConnector
    {
        public int Count;

        public Task<HiveConnection> ConnectAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Count);
            throw new HiveUnreachableException("connection refused");
        }
    }
}
