namespace Hive.Tests.Durable;

/// <summary>
/// Durable mode on a fresh PostgreSQL database, real clock, short heartbeats: an agent whose own state write fails is
/// still watched. The write is made to fail by a side transaction holding the agent's state row past the storage timeout.
/// </summary>
[Trait("Category", "Durable")]
public sealed class DurableAgentWatchTests : IAsyncLifetime
{
    private DurableTestHive _durable = null!;
    private HiveClient _hive = null!;

    public async Task InitializeAsync()
    {
        _durable = await DurableTestHive.StartAsync(DurableTestHive.FailingWrites.Concat(new Dictionary<string, string?>
        {
            ["Hive:Timing:HeartbeatInterval"] = "00:00:01",
            ["Hive:Timing:MissedHeartbeatsAllowed"] = "2",
            ["Hive:Timing:CheckInterval"] = "00:00:00.500",
            ["Hive:Timing:SweepInterval"] = "00:00:00.500",
        }));
        _hive = _durable.Hive;
    }

    public async Task DisposeAsync() => await _durable.DisposeAsync();

    [Fact]
    public async Task An_agent_whose_own_write_failed_and_that_then_stays_silent_is_still_marked_unresponsive()
    {
        const string id = "silent-after-failure";
        await _hive.Agents.RegisterAsync(new AgentSpec(id, "Silent", ["worker"]));
        Assert.Equal(AgentStatus.Ready, (await _hive.Agents.HeartbeatAsync(id, 0.1)).Status);

        await using (await StateRowLock.HoldAsync(_durable.DataSource, GrainKeys.Agent(id)))
        {
            // A changed spec is a state write; it times out behind the lock and the activation is discarded.
            // One call, not the client's retries: each retry would activate the agent again and fail its start-up write too.
            var agent = _durable.Cluster.Client.GetGrain<IAgentGrain>(GrainKeys.Agent(id));
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => agent.Register(new AgentSpec(id, "Silent, renamed", ["worker"])));
            Assert.True((failure as HiveException ?? failure.InnerException as HiveException)?.Code == HiveErrorCodes.StorageUnavailable, failure.ToString());
        }

        // Nothing calls the agent from here on: only the hive itself can notice that it went silent.
        var escalationId = AlertKeys.EscalationIdFor(AlertKeys.AgentUnresponsive(id));
        await HiveClusterFixture.Eventually(async () => await EscalationOpenAsync(escalationId),
            $"the unresponsive-agent escalation {escalationId} is raised", TimeSpan.FromSeconds(30));
        Assert.Equal(AgentStatus.Unresponsive, (await _hive.Agents.GetAsync(id)).Status);
        Assert.Equal("Silent", (await _hive.Agents.GetAsync(id)).Spec.DisplayName);
    }

    private async Task<bool> EscalationOpenAsync(string escalationId)
    {
        try
        {
            return (await _hive.Escalations.GetAsync(escalationId)).Status == EscalationStatus.Open;
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            return false;
        }
    }
}
