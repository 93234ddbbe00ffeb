namespace Hive.Tests.Console;

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleAuditTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Audit_filters_by_entity_actor_and_time_range()
    {
        var (id, _) = await AgentTestKit.ReadyAsync(hive.Hive);
        var entity = "agent/" + id;
        var before = hive.Time.GetUtcNow();
        hive.Advance(TimeSpan.FromMinutes(1));
        await hive.Hive.Agents.SuspendAsync(id, "ops-bob", "maintenance");

        var all = (await ConsoleRun.RunAsync(hive, "audit", "--entity", entity, "--json")).Succeeded().Json();
        var bob = (await ConsoleRun.RunAsync(hive, "audit", "--entity", entity, "--actor", "ops-bob", "--json")).Succeeded().Json();
        var early = (await ConsoleRun.RunAsync(hive, "audit", "--entity", entity, "--until", before.ToString("O", System.Globalization.CultureInfo.InvariantCulture), "--json")).Succeeded().Json();
        var recent = (await ConsoleRun.RunAsync(hive, "audit", "--entity", entity, "--since", "30s")).Succeeded();

        Assert.Equal(["suspended", "heartbeat", "registered"], all.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("suspended", Assert.Single(bob.GetProperty("items").EnumerateArray()).GetProperty("action").GetString());
        Assert.Equal(2, early.GetProperty("items").GetArrayLength());
        Assert.Contains("maintenance", recent.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("registered", recent.Out, StringComparison.Ordinal);
    }
}
