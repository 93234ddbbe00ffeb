using Hive.Deadlines;

namespace Hive.Tests.Security;

/// <summary>
/// The hive's rules held against the caller's verified credential, not against what the call says: each test makes
/// the call a hostile or confused client would, and checks both the typed refusal and that nothing changed.
/// </summary>
public abstract class CredentialTests(SecureHiveFixture hive)
{
    private static readonly string[] Coder = ["coder"];

    [Fact]
    public async Task Calls_without_a_valid_credential_are_unauthenticated_and_change_nothing()
    {
        var id = HiveClusterFixture.NewId("agent");
        var spec = new AgentSpec(id, "Nobody", Coder);
        var stranger = SigningKeyLoader.Parse("other-key", SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!;
        var impostor = SigningKeyLoader.Parse(SecureHiveFixture.KeyId, SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!;
        var grant = new TokenGrant(PrincipalKind.Agent, id, TimeSpan.FromHours(1), Roles: Coder);
        string?[] refused =
        [
            null,
            "not-a-credential",
            SecureHiveFixture.Token(grant with { Lifetime = TimeSpan.FromMinutes(1) }, DateTimeOffset.UtcNow.AddHours(-2)),
            HiveTokens.Issue(grant, stranger, DateTimeOffset.UtcNow),
            HiveTokens.Issue(grant, impostor, DateTimeOffset.UtcNow),
        ];

        foreach (var token in refused)
            await TaskSteps.RejectedAsync(HiveErrorCodes.Unauthenticated, () => hive.As(token).Agents.RegisterAsync(spec));

        await TaskSteps.RejectedAsync(HiveErrorCodes.NotFound, () => Reader().Agents.GetAsync(id));
    }

    [Fact]
    public async Task An_agent_acts_only_as_itself_and_only_with_the_roles_its_credential_grants()
    {
        var self = HiveClusterFixture.NewId("agent");
        var other = HiveClusterFixture.NewId("agent");
        var agent = hive.As(SecureHiveFixture.AgentToken(self, "coder"));

        var asOther = await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => agent.Agents.RegisterAsync(new AgentSpec(other, "Other", Coder)));
        Assert.Contains($"agent:{self} may not act as agent '{other}'", asOther.Message, StringComparison.Ordinal);
        // An agent that could name a second id with the approval role could approve its own work.
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => agent.Agents.RegisterAsync(new AgentSpec(other, "Reviewer", ["reviewer"])));
        var ungranted = await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => agent.Agents.RegisterAsync(new AgentSpec(self, "Self", ["coder", "reviewer"])));
        Assert.Contains("not granted role 'reviewer'", ungranted.Message, StringComparison.Ordinal);
        await TaskSteps.RejectedAsync(HiveErrorCodes.NotFound, () => Reader().Agents.GetAsync(other));
        await TaskSteps.RejectedAsync(HiveErrorCodes.NotFound, () => Reader().Agents.GetAsync(self));

        Assert.Equal(Coder, (await agent.Agents.RegisterAsync(new AgentSpec(self, "Self", Coder))).Spec.Roles);
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => agent.Agents.HeartbeatAsync(other));
    }

    [Fact]
    public async Task A_service_acts_for_the_agents_its_patterns_cover()
    {
        var crew = $"crew{Guid.NewGuid():N}"[..12];
        var service = hive.As(SecureHiveFixture.ServiceToken(crew, [$"{crew}-*"], "coder"));

        var member = $"{crew}-1";
        Assert.Equal(member, (await service.Agents.RegisterAsync(new AgentSpec(member, "Member", Coder))).Spec.Id);
        var outsider = HiveClusterFixture.NewId("agent");
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => service.Agents.RegisterAsync(new AgentSpec(outsider, "Outsider", Coder)));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => service.Agents.RegisterAsync(new AgentSpec($"{crew}-2", "Reviewer", ["reviewer"])));

        var registered = (await hive.Audit.QueryAsync(new AuditQuery(Entity: GrainKeys.Agent(member)))).Items.Single(e => e.Action == "registered");
        Assert.Equal((member, $"service:{crew}"), (registered.Actor, registered.Principal));
    }

    [Fact]
    public async Task An_agent_cannot_complete_or_report_on_a_task_another_agent_holds()
    {
        var role = TaskSteps.NewRole();
        var (holder, intruder) = (HiveClusterFixture.NewId("agent"), HiveClusterFixture.NewId("agent"));
        var holderClient = await hive.ReadyAgentAsync(holder, role);
        var intruderClient = await hive.ReadyAgentAsync(intruder, role);
        var task = await Operator(Scopes.TasksAdmin).Tasks.CreateAsync(TaskSteps.ForRole(role), "operator:ops");
        await holderClient.Agents.ClaimAsync(holder, task.Id);

        // Get discloses the assignee, so the intruder knows whom to name: the credential is what stops it.
        Assert.Equal(holder, (await intruderClient.Tasks.GetAsync(task.Id)).AssignedAgent);
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => intruderClient.Tasks.CompleteAsync(task.Id, holder, "stolen"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => intruderClient.Tasks.FailAsync(task.Id, holder, "sabotage", FailureKind.Permanent));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => intruderClient.Agents.ClaimAsync(holder, task.Id));

        var unchanged = await Reader().Tasks.GetAsync(task.Id);
        Assert.Equal((HiveTaskStatus.Assigned, holder), (unchanged.Status, unchanged.AssignedAgent));
        Assert.Equal(HiveTaskStatus.Completed, (await holderClient.Tasks.CompleteAsync(task.Id, holder, "done")).Status);
        var completed = (await hive.Audit.QueryAsync(new AuditQuery(Entity: GrainKeys.Task(task.Id)))).Items.Single(e => e.Action == "completed");
        Assert.Equal((holder, $"agent:{holder}"), (completed.Actor, completed.Principal));
    }

    [Fact]
    public async Task Operator_commands_need_an_operator_acting_as_itself_with_the_command_scope()
    {
        var ops = Operator(Scopes.Halt, Scopes.Read);
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => ops.Health.HaltAsync("operator:nobody", "made-up operator"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => hive.As(SecureHiveFixture.AgentToken("agent-x")).Health.HaltAsync("operator:agent-x", "agent"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => Reader().Health.HaltAsync("operator:viewer", "no halt scope"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => ops.Health.PinAsync(ServiceLevel.Emergency, "operator:ops", "no level scope"));
        Assert.False((await ops.Health.GetStatusAsync()).Halted);

        var halted = await ops.Health.HaltAsync("operator:ops", "drill");
        try
        {
            Assert.True(halted.Halted);
        }
        finally
        {
            Assert.False((await ops.Health.ResumeAsync("operator:ops")).Halted);
        }
    }

    [Fact]
    public async Task A_revoked_credential_is_refused_within_the_refresh_interval()
    {
        var id = HiveClusterFixture.NewId("agent");
        var token = SecureHiveFixture.AgentToken(id, "coder");
        var agent = hive.As(token);
        await agent.Agents.RegisterAsync(new AgentSpec(id, "Soon revoked", Coder));
        var issued = HiveTokens.ReadUnverified(token);

        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden,
            () => SecureHiveFixture.WithCredential(SecureHiveFixture.OperatorToken("sec", Scopes.Read), () => Revocations.Revoke(issued.TokenId, issued.ExpiresAt, "operator:sec")));
        await agent.Agents.HeartbeatAsync(id);
        await SecureHiveFixture.WithCredential(SecureHiveFixture.OperatorToken("sec", Scopes.Tokens), () => Revocations.Revoke(issued.TokenId, issued.ExpiresAt, "operator:sec"));

        await HiveClusterFixture.Eventually(async () =>
        {
            try
            {
                await agent.Agents.HeartbeatAsync(id);
                return false;
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.Unauthenticated)
            {
                return e.Message.Contains("revoked", StringComparison.Ordinal);
            }
        }, "the revoked credential is refused", within: TimeSpan.FromSeconds(5));
        var revoked = (await hive.Audit.QueryAsync(new AuditQuery(Entity: "security/revocations"))).Items.First(e => e.Details!.Contains(issued.TokenId, StringComparison.Ordinal));
        Assert.Equal(("operator:sec", "operator:sec"), (revoked.Actor, revoked.Principal));
    }

    [Fact]
    public async Task Grain_to_grain_methods_are_refused_from_clients_while_the_silos_own_calls_pass()
    {
        var root = SecureHiveFixture.OperatorToken("root", Scopes.All.ToArray());

        var refused = await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden,
            () => SecureHiveFixture.WithCredential(root, () => hive.Grains.GetGrain<IDeadlineSweeperGrain>(0).Ensure()));
        Assert.Contains("not callable by clients", refused.Message, StringComparison.Ordinal);

        await hive.SiloGrains.GetGrain<IDeadlineSweeperGrain>(0).Ensure();
    }

    private HiveClient Reader() => Operator(Scopes.Read);

    private HiveClient Operator(params string[] scopes) => hive.As(SecureHiveFixture.OperatorToken(scopes.Contains(Scopes.Read) && scopes.Length == 1 ? "viewer" : "ops", scopes));

    private ITokenRevocationGrain Revocations => hive.Grains.GetGrain<ITokenRevocationGrain>(0);
}

[Trait("Category", "Cluster")]
[Collection(SecureHiveCollection.Name)]
public sealed class CredentialTestsInMemory(SecureHiveFixture hive) : CredentialTests(hive);
