namespace Hive.Tests.Processes;

/// <summary>The silo as an operator runs it: a real process, real ports, real exit codes.</summary>
[Trait("Category", "Process")]
public sealed class SiloProcessTests
{
    [Fact]
    public async Task Demo_host_with_exit_runs_the_week1_swarm_to_completion_and_exits_zero()
    {
        await using var silo = SiloProcess.StartDemo([Hive.Demo.DemoCompanion.ExitFlag]);

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, silo.Output);
        Assert.Contains("State is NOT durable", silo.Output, StringComparison.Ordinal);
        Assert.Contains("Tasks Coordinated: 8/8 (100% success rate)", silo.Output, StringComparison.Ordinal);
        Assert.Contains("Cross-Agent Validations: 20", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_configuration_stops_the_silo_with_one_clear_line_per_problem()
    {
        await using var silo = SiloProcess.Start([], new Dictionary<string, string>
        {
            ["Hive__Timing__MissedHeartbeatsAllowed"] = "0",
            ["Hive__Silo__ClusterId"] = "bad id",
        });

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, exitCode);
        Assert.Contains("Hive:Silo:ClusterId 'bad id' must be a valid id", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_timing_is_rejected_at_start_naming_the_setting()
    {
        await using var silo = SiloProcess.Start([], new Dictionary<string, string> { ["Hive__Timing__MissedHeartbeatsAllowed"] = "0" });

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, exitCode);
        Assert.Contains("MissedHeartbeatsAllowed", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
    }
}
