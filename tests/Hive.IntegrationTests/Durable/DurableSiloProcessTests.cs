using Hive.Silo.Storage;
using Microsoft.Extensions.Hosting;

namespace Hive.Tests.Durable;

/// <summary>Integration (real PostgreSQL and Redis, real silo processes): durable mode as an operator runs it.</summary>
[Trait("Category", "Process")]
public sealed class DurableSiloProcessTests
{
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Agents_and_tasks_survive_a_killed_silo_process()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = DurableSilo.NewClusterId("restart");
        var environment = DurableSilo.Environment(database.ConnectionString, cluster);
        var agent = new AgentSpec("survivor-1", "Survivor", ["reliability-engineer"], ["chaos"]);
        var task = new TaskSpec("survive-1", "Outlive the silo", "reliability", PrimaryRole: "reliability-engineer", Priority: 70);

        await using (var first = SiloProcess.Start([], environment))
        {
            await first.WaitForOutputAsync("Hive is running", StartWithin);
            // The storage line follows the running line; waiting for it is the assertion (it fails with the output).
            await first.WaitForOutputAsync("State is durable", TimeSpan.FromSeconds(30));
            using var client = await DurableSilo.StartClientAsync(cluster);
            var hive = client.Services.GetRequiredService<HiveClient>();
            await hive.Agents.RegisterAsync(agent);
            await hive.Tasks.CreateAsync(task, actor: "planner");
            await first.KillAsync();
            await client.StopAsync();
        }

        await using var second = SiloProcess.Start([], environment);
        await second.WaitForOutputAsync("Hive is running", StartWithin);
        using var again = await DurableSilo.StartClientAsync(cluster);
        var hiveAgain = again.Services.GetRequiredService<HiveClient>();

        var readAgent = await hiveAgain.Agents.GetAsync(agent.Id);
        var readTask = await hiveAgain.Tasks.GetAsync(task.Id);
        Assert.True(agent.SameAs(readAgent.Spec), $"agent came back as {readAgent.Spec}");
        Assert.Equal(AgentStatus.Registered, readAgent.Status);
        Assert.Equal((task.Title, task.Priority, HiveTaskStatus.Ready), (readTask.Spec.Title, readTask.Spec.Priority, readTask.Status));
        await again.StopAsync();
    }

    [Fact]
    public async Task Migrate_applies_the_schema_once_and_then_reports_it_current()
    {
        await using var database = await TestDatabase.CreateAsync();
        // The command reads HIVE_POSTGRES when no Hive:Storage:ConnectionString is configured.
        var environment = new Dictionary<string, string> { ["HIVE_POSTGRES"] = database.ConnectionString };

        await using var first = SiloProcess.Start(["migrate"], environment);
        var firstExit = await first.WaitForExitAsync(StartWithin);
        await using var second = SiloProcess.Start(["migrate"], environment);
        var secondExit = await second.WaitForExitAsync(StartWithin);

        Assert.True(firstExit == 0, first.Output);
        Assert.Contains("applied 0001 grain_state", first.Output, StringComparison.Ordinal);
        Assert.Contains("0002 append_tables", first.Output, StringComparison.Ordinal);
        Assert.Contains("0003 catalog_host", first.Output, StringComparison.Ordinal);
        Assert.True(secondExit == 0, second.Output);
        Assert.Contains("is current at version", second.Output, StringComparison.Ordinal);
        Assert.Equal((long)Migrations.Embedded.Count, await database.ScalarAsync<long>("SELECT count(*) FROM hive_schema_version"));
    }
}
