namespace Hive.Tests.Cluster;

/// <summary>A hive with tiny read and message buckets per caller, and a tiny escalation bucket per silo, so a test can run out of them.</summary>
public sealed class RateLimitClusterFixture : HiveClusterFixture
{
    public const int ReadBurst = 8;
    public const int MessageBurst = 10;
    public const int SiloEscalationBurst = 3;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Hive:RateLimits:Buckets:Read:PermitsPerSecond"] = "4";
        settings["Hive:RateLimits:Buckets:Read:Burst"] = ReadBurst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Hive:RateLimits:Buckets:Message:PermitsPerSecond"] = "1";
        settings["Hive:RateLimits:Buckets:Message:Burst"] = MessageBurst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // One escalation per 100 s per silo after the burst: nothing in the test refills it.
        settings["Hive:RateLimits:SiloBuckets:Escalation:PermitsPerSecond"] = "0.01";
        settings["Hive:RateLimits:SiloBuckets:Escalation:Burst"] = SiloEscalationBurst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

[CollectionDefinition(Name)]
public sealed class RateLimitClusterCollection : ICollectionFixture<RateLimitClusterFixture>
{
    public const string Name = "rate-limit-cluster";
}

[Trait("Category", "Cluster")]
[Collection(RateLimitClusterCollection.Name)]
public sealed class RateLimitTests(RateLimitClusterFixture hive)
{
    private HiveClient WithoutRetries(string caller) =>
        new(hive.Cluster.Client, new HiveCalls(caller, new HiveResilienceOptions { MaxRetries = 1, RetryBudget = TimeSpan.Zero }));

    private HiveClient WithRetries(string caller) =>
        new(hive.Cluster.Client, new HiveCalls(caller, new HiveResilienceOptions { MaxRetries = 20, RetryBudget = TimeSpan.FromSeconds(20) }));

    [Fact]
    public async Task A_caller_past_its_bucket_gets_rate_limited_with_a_retry_after()
    {
        var client = WithoutRetries(HiveClusterFixture.NewId("caller"));
        var error = await Assert.ThrowsAsync<HiveException>(async () =>
        {
            for (var i = 0; i < RateLimitClusterFixture.ReadBurst * 4; i++) await client.Tasks.ListAsync();
        });
        Assert.Equal(HiveErrorCodes.RateLimited, error.Code);
        Assert.NotNull(error.RetryAfter);
        Assert.Contains("Read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_send_takes_a_permit_per_draft_and_the_largest_batch_still_passes_a_full_bucket()
    {
        var admin = WithRetries(HiveClusterFixture.NewId("admin"));
        var sender = HiveClusterFixture.NewId("sender");
        var receivers = new[] { HiveClusterFixture.NewId("receiver"), HiveClusterFixture.NewId("receiver") };
        foreach (var id in receivers.Append(sender)) await admin.Agents.RegisterAsync(new Hive.Agents.AgentSpec(id, id, ["tester"]));
        // Spread over two inboxes, so no inbox fills up (the fixture's capacity is small).
        Hive.Messaging.MessageDraft Note(int n) => new(sender, "notice", $"note {n}", "body", To: receivers[n % 2]);
        var caller = WithoutRetries(HiveClusterFixture.NewId("batcher"));
        var other = WithoutRetries(HiveClusterFixture.NewId("batcher"));

        var drained = await caller.Messages.SendManyAsync(Enumerable.Range(0, RateLimitClusterFixture.MessageBurst - 1).Select(Note));
        var limited = await Assert.ThrowsAsync<HiveException>(() => caller.Messages.SendManyAsync([Note(98), Note(99)]));
        var oversized = await other.Messages.SendManyAsync(Enumerable.Range(0, RateLimitClusterFixture.MessageBurst * 2).Select(Note));

        Assert.All(drained, s => Assert.NotNull(s));
        Assert.Equal(HiveErrorCodes.RateLimited, limited.Code);
        Assert.All(oversized, s => Assert.NotNull(s));
    }

    [Fact]
    public async Task Buckets_are_per_caller()
    {
        var greedy = WithoutRetries(HiveClusterFixture.NewId("greedy"));
        await Assert.ThrowsAsync<HiveException>(async () =>
        {
            for (var i = 0; i < RateLimitClusterFixture.ReadBurst * 4; i++) await greedy.Tasks.ListAsync();
        });
        var other = WithoutRetries(HiveClusterFixture.NewId("other"));
        Assert.NotNull(await other.Tasks.ListAsync());
    }

    [Fact]
    public async Task A_fleet_whose_members_each_stay_within_their_own_bucket_still_meets_the_silo_limit()
    {
        // Each escalation lands on the silo that hosts its grain, and each silo keeps its own bucket: enough distinct
        // callers, one escalation each (far inside the per-caller bucket of 100), must exhaust every silo's burst.
        var attempts = RateLimitClusterFixture.SiloEscalationBurst * hive.Cluster.Silos.Count + 1;
        var raised = 0;
        HiveException? refused = null;
        for (var i = 0; i < attempts && refused is null; i++)
        {
            var caller = WithoutRetries(HiveClusterFixture.NewId("fleet-member"));
            var id = HiveClusterFixture.NewId("esc");
            try
            {
                await caller.Escalations.RaiseAsync(EscalationTestKit.Spec(id, Severity.Low), "operator:fleet");
                raised++;
            }
            catch (HiveException e)
            {
                refused = e;
                var missing = await Assert.ThrowsAsync<HiveException>(() => WithoutRetries(HiveClusterFixture.NewId("reader")).Escalations.GetAsync(id));
                Assert.Equal(HiveErrorCodes.NotFound, missing.Code);
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(HiveErrorCodes.RateLimited, refused.Code);
        Assert.Contains("all callers together", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(refused.RetryAfter);
        Assert.InRange(raised, RateLimitClusterFixture.SiloEscalationBurst, RateLimitClusterFixture.SiloEscalationBurst * hive.Cluster.Silos.Count);
    }

    [Fact]
    public async Task Hive_client_rides_out_rate_limits_within_its_retry_budget()
    {
        var client = WithRetries(HiveClusterFixture.NewId("patient"));
        for (var i = 0; i < RateLimitClusterFixture.ReadBurst * 3; i++) await client.Tasks.ListAsync();
    }

    [Fact]
    public async Task Lower_service_levels_shrink_the_buckets()
    {
        var health = hive.Grains.GetGrain<IHiveHealthGrain>(0);
        await hive.UntilEverySiloEnforces(await health.Pin(ServiceLevel.Emergency, "operator:test", "rate-limit scaling test"));
        try
        {
            var client = WithoutRetries(HiveClusterFixture.NewId("scaled"));
            var served = 0;
            var error = await Assert.ThrowsAsync<HiveException>(async () =>
            {
                for (; served < RateLimitClusterFixture.ReadBurst; served++) await client.Tasks.ListAsync();
            });
            Assert.Equal(HiveErrorCodes.RateLimited, error.Code);
            Assert.True(served < RateLimitClusterFixture.ReadBurst, $"served {served} reads at emergency, as many as at full service");
        }
        finally
        {
            await hive.UntilEverySiloEnforces(await health.Unpin("operator:test"));
        }
    }
}
