using static Hive.Tests.Cluster.AgentTestKit;

namespace Hive.Tests.Cluster;

/// <summary>Registration, heartbeats, validation and error transport for agents, through the Hive client.</summary>
public abstract class AgentTests(HiveClusterFixture hive)
{
    private HiveClient Hive => hive.Hive;

    [Fact]
    public async Task Registering_the_same_spec_twice_changes_nothing()
    {
        var id = HiveClusterFixture.NewId("agent");
        var spec = new AgentSpec(id, "Builder", ["build", "test"], ["dotnet"], new Dictionary<string, string> { ["zone"] = "eu" });

        var first = await Hive.Agents.RegisterAsync(spec);
        var second = await Hive.Agents.RegisterAsync(spec);
        var reordered = await Hive.Agents.RegisterAsync(spec with { Roles = ["test", "build"] });

        Assert.Equal(AgentStatus.Registered, first.Status);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(first.Version, reordered.Version);
        Assert.Equal(first.RegisteredAt, second.RegisteredAt);
        var audit = await AuditOf(Hive, id);
        Assert.Single(audit, e => e.Action == "registered");
        Assert.DoesNotContain(audit, e => e.Action == "spec-updated");
    }

    [Fact]
    public async Task Registering_a_changed_spec_updates_the_agent_and_audits_it()
    {
        var id = HiveClusterFixture.NewId("agent");
        var first = await Hive.Agents.RegisterAsync(new AgentSpec(id, "Builder", ["build"]));

        var updated = await Hive.Agents.RegisterAsync(new AgentSpec(id, "Builder", ["build", "deploy"]));

        Assert.True(updated.Version > first.Version);
        Assert.Equal(["build", "deploy"], updated.Spec.Roles);
        Assert.Equal(AgentStatus.Registered, updated.Status);
        Assert.Equal(["build", "deploy"], (await Hive.Agents.GetAsync(id)).Spec.Roles);
        var audit = await AuditOf(Hive, id);
        var change = Assert.Single(audit, e => e.Action == "spec-updated");
        Assert.Contains("deploy", change.Details, StringComparison.Ordinal);
        Assert.Single(audit, e => e.Action == "registered");
    }

    [Fact]
    public async Task First_heartbeat_makes_a_registered_agent_ready_with_its_load()
    {
        var (id, _) = await RegisterAsync(Hive);

        var beat = await Hive.Agents.HeartbeatAsync(id, 0.75);

        Assert.Equal(AgentStatus.Ready, beat.Status);
        var now = await Hive.Agents.GetAsync(id);
        Assert.Equal(AgentStatus.Ready, now.Status);
        Assert.Equal(0.75, now.Load);
        Assert.Equal(hive.Time.GetUtcNow(), now.LastHeartbeat);
        Assert.Contains(await AuditOf(Hive, id), e => e.Action == "heartbeat" && e.From == "Registered" && e.To == "Ready");
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task A_load_outside_zero_to_one_is_rejected_and_changes_nothing(double load)
    {
        var (id, _) = await ReadyAsync(Hive);
        var before = await Hive.Agents.GetAsync(id);

        await Rejects(HiveErrorCodes.Validation, () => Hive.Agents.HeartbeatAsync(id, load));

        var after = await Hive.Agents.GetAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Load, after.Load);
    }

    public static TheoryData<string> MalformedIds => new()
    {
        "",
        "has space",
        "bad/slash",
        "-leading",
        new string('a', HiveIds.MaxLength + 1),
    };

    [Theory]
    [MemberData(nameof(MalformedIds))]
    public async Task A_malformed_agent_id_is_rejected_by_the_client_and_creates_nothing(string id)
    {
        await Rejects(HiveErrorCodes.Validation, () => Hive.Agents.RegisterAsync(new AgentSpec(id, "Bad", ["role"])));
        await Rejects(HiveErrorCodes.Validation, () => Hive.Agents.HeartbeatAsync(id, 0.5));

        Assert.False(await CatalogHas(hive, id));
    }

    [Fact]
    public async Task An_id_of_exactly_128_characters_is_accepted()
    {
        var id = HiveClusterFixture.NewId("agent").PadRight(HiveIds.MaxLength, 'x');

        var info = await Hive.Agents.RegisterAsync(new AgentSpec(id, "Long", ["role"]));

        Assert.Equal(id, info.Id);
        Assert.True(await CatalogHas(hive, id));
    }

    [Fact]
    public async Task A_spec_whose_id_differs_from_the_grain_key_is_rejected()
    {
        var id = HiveClusterFixture.NewId("agent");
        var other = HiveClusterFixture.NewId("agent");
        var grain = hive.Grains.GetGrain<IAgentGrain>(GrainKeys.Agent(id));

        var error = await Rejects(HiveErrorCodes.Validation, () => grain.Register(new AgentSpec(other, "Impostor", ["role"])));

        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        await Rejects(HiveErrorCodes.NotFound, () => Hive.Agents.GetAsync(id));
        Assert.False(await CatalogHas(hive, id));
        Assert.False(await CatalogHas(hive, other));
    }

    public static TheoryData<string, string[]> InvalidSpecs => new()
    {
        { "", ["role"] },
        { "   ", ["role"] },
        { new string('n', Limits.MaxNameLength + 1), ["role"] },
        { "No roles", [] },
        { "Bad role", ["bad role"] },
        { "Slashed role", ["ok", "bad/role"] },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public async Task An_invalid_spec_is_rejected_and_creates_nothing(string displayName, string[] roles)
    {
        var id = HiveClusterFixture.NewId("agent");

        await Rejects(HiveErrorCodes.Validation, () => Hive.Agents.RegisterAsync(new AgentSpec(id, displayName, roles)));

        await Rejects(HiveErrorCodes.NotFound, () => Hive.Agents.GetAsync(id));
        Assert.False(await CatalogHas(hive, id));
        Assert.Empty(await AuditOf(Hive, id));
    }

    [Fact]
    public async Task An_invalid_spec_update_leaves_the_registered_agent_as_it_was()
    {
        var (id, role) = await ReadyAsync(Hive);
        var before = await Hive.Agents.GetAsync(id);

        await Rejects(HiveErrorCodes.Validation, () => Hive.Agents.RegisterAsync(new AgentSpec(id, "Agent", [])));

        var after = await Hive.Agents.GetAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal([role], after.Spec.Roles);
    }

    [Fact]
    public async Task An_unknown_agent_is_not_found()
    {
        var id = HiveClusterFixture.NewId("ghost");

        var get = await Rejects(HiveErrorCodes.NotFound, () => Hive.Agents.GetAsync(id));
        var beat = await Rejects(HiveErrorCodes.NotFound, () => Hive.Agents.HeartbeatAsync(id, 0.2));

        Assert.Equal("agent/" + id, get.Entity);
        Assert.Equal("agent/" + id, beat.Entity);
        Assert.False(await CatalogHas(hive, id));
    }

    public static TheoryData<string> RejectedCalls => new()
    {
        "not-found",
        "load",
        "resume-ready",
        "suspend-twice",
        "suspend-without-reason",
    };

    [Theory]
    [MemberData(nameof(RejectedCalls))]
    public async Task Errors_reach_the_client_intact_with_code_message_and_entity(string call)
    {
        var (id, _) = call == "not-found" ? (HiveClusterFixture.NewId("ghost"), "") : await ReadyAsync(Hive);
        if (call == "suspend-twice") await Hive.Agents.SuspendAsync(id, "operator", "maintenance");
        (string Code, Func<Task> Act) rejected = call switch
        {
            "not-found" => (HiveErrorCodes.NotFound, () => Hive.Agents.GetAsync(id)),
            "load" => (HiveErrorCodes.Validation, () => Hive.Agents.HeartbeatAsync(id, 2)),
            "resume-ready" => (HiveErrorCodes.InvalidTransition, () => Hive.Agents.ResumeAsync(id, "operator")),
            "suspend-twice" => (HiveErrorCodes.InvalidTransition, () => Hive.Agents.SuspendAsync(id, "operator", "again")),
            "suspend-without-reason" => (HiveErrorCodes.Validation, () => Hive.Agents.SuspendAsync(id, "operator", " ")),
            _ => throw new ArgumentOutOfRangeException(nameof(call), call, null),
        };

        var error = await Rejects(rejected.Code, rejected.Act);

        Assert.IsType<HiveException>(error);
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Equal("agent/" + id, error.Entity);
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class AgentTestsInMemory(HiveClusterFixture hive) : AgentTests(hive);
