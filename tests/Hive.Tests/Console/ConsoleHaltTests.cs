using Hive.Console.Cli;
using Spectre.Console.Testing;

namespace Hive.Tests.Console;

/// <summary>
/// <c>hive halt</c> and <c>hive resume</c>. A halt stops the whole hive, so these tests use the health tests' own hive
/// (never the shared one) and resume it in a finally block whatever the test did.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(HealthClusterCollection.Name)]
public sealed class ConsoleHaltTests(HealthClusterFixture hive) : IAsyncLifetime
{
    private const string ConsoleOperator = "operator:" + ConsoleRun.Operator;
    private const string Reason = "release candidate failed validation";

    public Task InitializeAsync() => hive.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Halt_rejects_task_and_memory_changes_with_exit_3_until_resume()
    {
        var ns = HiveClusterFixture.NewId("ns");
        var task = HiveClusterFixture.NewId("task");
        try
        {
            var halted = (await ConsoleRun.RunAsync(hive, "halt", "--reason", Reason)).Succeeded();
            await hive.UntilEverySiloEnforces(await hive.Health.GetStatus());

            var put = await ConsoleRun.RunAsync(hive, "memory", "put", ns, "ops", "freeze", "true");
            var create = await ConsoleRun.RunAsync(hive, "tasks", "create", task, "--title", "Ship it", "--type", "chore", "--role", "ops");
            var status = (await ConsoleRun.RunAsync(hive, "status")).Succeeded();
            var statusJson = (await ConsoleRun.RunAsync(hive, "status", "--json")).Succeeded().Json();
            var show = (await ConsoleRun.RunAsync(hive, "level", "show", "--json")).Succeeded().Json();
            var twice = await ConsoleRun.RunAsync(hive, "halt", "--reason", "again");

            Assert.Contains($"hive halted by {ConsoleOperator}: {Reason}.", halted.Out, StringComparison.Ordinal);
            put.Failed(ExitCodes.Rejected, "halted");
            create.Failed(ExitCodes.Rejected, "halted");
            Assert.Contains(Reason, put.Err, StringComparison.Ordinal);
            Assert.Null(await hive.Hive.Memory.GetAsync(ns, "ops", "freeze"));
            await AgentTestKit.Rejects(HiveErrorCodes.NotFound, () => hive.Hive.Tasks.GetAsync(task));
            Assert.Contains($"Halted: yes, by {ConsoleOperator}: {Reason}.", status.Out, StringComparison.Ordinal);
            Assert.Equal((true, ConsoleOperator, Reason), (statusJson.GetProperty("halted").GetBoolean(),
                statusJson.GetProperty("haltedBy").GetString(), statusJson.GetProperty("haltReason").GetString()));
            Assert.Equal((true, ConsoleOperator, Reason), (show.GetProperty("halted").GetBoolean(),
                show.GetProperty("haltedBy").GetString(), show.GetProperty("haltReason").GetString()));
            twice.Failed(ExitCodes.Rejected, "invalid-transition");
            var topOutput = ConsoleRun.Wide().Height(2000);
            topOutput.Input.PushCharacter('q');
            var top = (await ConsoleRun.RunAsync(ConsoleRun.Environment(hive.Hive, hive.Time, topOutput), "top")).Succeeded();
            Assert.Contains($"Halted: yes, by {ConsoleOperator}: {Reason}.", top.Out, StringComparison.Ordinal);

            var resumed = (await ConsoleRun.RunAsync(hive, "resume", "--as", "alice")).Succeeded();
            await hive.UntilEverySiloEnforces(await hive.Health.GetStatus());

            Assert.Contains("hive resumed by operator:alice", resumed.Out, StringComparison.Ordinal);
            (await ConsoleRun.RunAsync(hive, "memory", "put", ns, "ops", "freeze", "true")).Succeeded();
            (await ConsoleRun.RunAsync(hive, "tasks", "create", task, "--title", "Ship it", "--type", "chore", "--role", "ops")).Succeeded();
            Assert.Equal("true", (await hive.Hive.Memory.GetAsync(ns, "ops", "freeze"))?.Value);
            Assert.Contains("Halted: no.", (await ConsoleRun.RunAsync(hive, "status")).Succeeded().Out, StringComparison.Ordinal);
            (await ConsoleRun.RunAsync(hive, "resume")).Failed(ExitCodes.Rejected, "invalid-transition");
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task Halt_without_a_reason_is_a_usage_error_and_changes_nothing()
    {
        var before = await hive.Health.GetStatus();
        try
        {
            var result = await ConsoleRun.RunAsync(hive, "halt");

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Contains("--reason", result.Err, StringComparison.Ordinal);
            Assert.Equal(before, await hive.Health.GetStatus());
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }
}
