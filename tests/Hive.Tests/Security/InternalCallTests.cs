using Hive.Deadlines;
using Orleans.Runtime;

namespace Hive.Tests.Security;

/// <summary>
/// What only the hive may call, held against a raw client with an operator credential that holds every scope: the
/// grain-to-grain methods, grains under keys the hive never makes, and the health grain's signal report. The same
/// methods called from a silo check their arguments and refuse bad ones without changing anything.
/// </summary>
public abstract class InternalCallTests(SecureHiveFixture hive)
{
    private static readonly string Root = SecureHiveFixture.OperatorToken("root", Scopes.All.ToArray());

    private static Task<HiveException> RefusedAsync(string code, Func<Task> call) =>
        TaskSteps.RejectedAsync(code, () => SecureHiveFixture.WithCredential(Root, call));

    [Fact]
    public async Task A_client_cannot_call_a_grain_to_grain_method_even_with_every_scope()
    {
        var role = TaskSteps.NewRole();
        var agent = HiveClusterFixture.NewId("agent");
        await hive.ReadyAgentAsync(agent, role);
        var task = await Operator().Tasks.CreateAsync(TaskSteps.ForRole(role), "operator:root");
        var grains = hive.Grains;
        var signals = new SiloSignals("forged-silo", 99, 99, 1, true, 10_000);
        var note = new Message(0, agent, agent, "note", "forged", "forged", null, DateTimeOffset.UtcNow);
        Func<Task>[] calls =
        [
            () => grains.GetGrain<ITaskAssignmentGrain>(GrainKeys.Task(task.Id)).TryAssign(agent),
            () => grains.GetGrain<ITaskDependencyGrain>(GrainKeys.Task(task.Id)).AddDependent(TaskSteps.NewTaskId()),
            () => grains.GetGrain<ITaskDependencyGrain>(GrainKeys.Task(task.Id)).PrerequisiteChanged(TaskSteps.NewTaskId(), HiveTaskStatus.Completed),
            () => grains.GetGrain<IAgentAssignmentGrain>(GrainKeys.Agent(agent)).AdoptRestoredTask(task.Id, "operator:root"),
            () => grains.GetGrain<IAgentAssignmentGrain>(GrainKeys.Agent(agent)).TaskReleased(task.Id),
            () => grains.GetGrain<IAgentGrain>(GrainKeys.Agent(agent)).AsReference<IWakeableGrain>().Wake(),
            () => grains.GetGrain<IReadyQueueGrain>(GrainKeys.RoleQueue(role)).ClaimFor(agent),
            () => grains.GetGrain<IInboxDeliveryGrain>(GrainKeys.Inbox(agent)).Deliver(note),
            () => grains.GetGrain<IHiveHealthGrain>(0).AsReference<ISiloSignalsGrain>().ReportSignals(signals),
        ];

        foreach (var call in calls)
            Assert.Contains("not callable by clients", (await RefusedAsync(HiveErrorCodes.Forbidden, call)).Message, StringComparison.Ordinal);

        var unchanged = await Operator().Tasks.GetAsync(task.Id);
        Assert.Equal((HiveTaskStatus.Ready, (string?)null), (unchanged.Status, unchanged.AssignedAgent));
        Assert.Equal(0, (await hive.As(SecureHiveFixture.AgentToken(agent, role)).Messages.InboxSizeAsync(agent)).Pending);
        Assert.Equal(ServiceLevel.Full, (await Operator().Health.GetStatusAsync()).Level);
    }

    [Fact]
    public async Task A_client_naming_another_singleton_key_is_refused_and_leaves_no_activation_behind()
    {
        var forged = Enumerable.Range(1, 50).Select(i => (long)i).ToArray();

        foreach (var key in forged)
        {
            var refused = await RefusedAsync(HiveErrorCodes.Forbidden, () => hive.Grains.GetGrain<IHiveHealthGrain>(key).GetStatus());
            Assert.Contains("answers key 0 only", refused.Message, StringComparison.Ordinal);
        }
        await RefusedAsync(HiveErrorCodes.Forbidden, () => hive.Grains.GetGrain<ITokenRevocationGrain>(7).Revoke("jti", null, "operator:root"));
        await RefusedAsync(HiveErrorCodes.Forbidden, () => hive.Grains.GetGrain<IDeadlineSweeperGrain>(7).Ensure());

        var management = hive.SiloGrains.GetGrain<IManagementGrain>(0);
        await HiveClusterFixture.Eventually(async () =>
        {
            var health = (await management.GetDetailedGrainStatistics([typeof(HiveHealthGrain).FullName!]))
                .Where(s => s.GrainId.GetIntegerKey() != SingletonKey.Value);
            var sweepers = (await management.GetDetailedGrainStatistics([typeof(DeadlineSweeperGrain).FullName!]))
                .Where(s => s.GrainId.GetIntegerKey() != SingletonKey.Value);
            return !health.Any() && !sweepers.Any();
        }, "the forged singleton activations are gone");
        Assert.Equal(ServiceLevel.Full, (await Operator().Health.GetStatusAsync()).Level);
    }

    public static TheoryData<string> ForgedAgentKeys() => new()
    {
        GrainKeys.Agent(new string('a', 10_000)),
        GrainKeys.Task("worker-1"),
        "worker-1",
        GrainKeys.Agent("bad/id"),
        GrainKeys.Agent(""),
    };

    [Theory]
    [MemberData(nameof(ForgedAgentKeys))]
    public async Task A_client_naming_a_key_the_hive_never_makes_is_refused(string key)
    {
        var refused = await RefusedAsync(HiveErrorCodes.Validation, () => hive.Grains.GetGrain<IAgentGrain>(key).Get());
        Assert.Contains("not a key the hive makes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_and_inbox_grains_under_forged_keys_are_refused()
    {
        Func<Task>[] calls =
        [
            () => hive.Grains.GetGrain<IMemoryKeyGrain>("mem/ns/chan").Get(),
            () => hive.Grains.GetGrain<IMemoryKeyGrain>(GrainKeys.MemoryChannel("ns", "chan")).Get(),
            () => hive.Grains.GetGrain<IMemoryChannelGrain>("chan/ns/chan/extra").Watch(0, 1, TimeSpan.Zero),
            () => hive.Grains.GetGrain<IInboxGrain>(GrainKeys.Agent("worker-1")).Size(),
        ];

        foreach (var call in calls)
        {
            await RefusedAsync(HiveErrorCodes.Validation, call);
        }
    }

    [Fact]
    public async Task A_silo_assigning_a_task_to_an_agent_that_does_not_exist_is_refused_and_the_task_stays_ready()
    {
        var role = TaskSteps.NewRole();
        var agent = HiveClusterFixture.NewId("agent");
        var client = await hive.ReadyAgentAsync(agent, role);
        var task = await Operator().Tasks.CreateAsync(TaskSteps.ForRole(role), "operator:root");
        var assignment = hive.SiloGrains.GetGrain<ITaskAssignmentGrain>(GrainKeys.Task(task.Id));

        await TaskSteps.RejectedAsync(HiveErrorCodes.Validation, () => assignment.TryAssign("ghost"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Validation, () => assignment.TryAssign("not an id"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Validation, () => hive.SiloGrains.GetGrain<IReadyQueueGrain>(GrainKeys.RoleQueue(role)).ClaimFor("bad/id"));

        var unchanged = await Operator().Tasks.GetAsync(task.Id);
        Assert.Equal((HiveTaskStatus.Ready, unchanged.Version), (unchanged.Status, task.Version));
        Assert.Equal(task.Id, (await client.Agents.ClaimNextAsync(agent))?.Id);
    }

    [Fact]
    public async Task A_silo_telling_an_agent_about_a_task_it_does_not_hold_is_refused_and_the_agent_still_claims()
    {
        var role = TaskSteps.NewRole();
        var agent = HiveClusterFixture.NewId("agent");
        var client = await hive.ReadyAgentAsync(agent, role);
        var assignment = hive.SiloGrains.GetGrain<IAgentAssignmentGrain>(GrainKeys.Agent(agent));
        var before = await client.Agents.GetAsync(agent);

        await TaskSteps.RejectedAsync(HiveErrorCodes.Conflict, () => assignment.AdoptRestoredTask("nope", "operator:root"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Validation, () => assignment.AdoptRestoredTask("no/pe", "operator:root"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Validation, () => assignment.TaskReleased(new string('t', 200)));

        var after = await client.Agents.GetAsync(agent);
        Assert.Equal((before.Version, before.Status, (string?)null), (after.Version, after.Status, after.CurrentTaskId));
        var task = await Operator().Tasks.CreateAsync(TaskSteps.ForRole(role), "operator:root");
        Assert.Equal(task.Id, (await client.Agents.ClaimNextAsync(agent))?.Id);
    }

    [Fact]
    public async Task A_silo_passing_a_task_a_bad_dependent_or_status_is_refused_and_changes_nothing()
    {
        var task = await Operator().Tasks.CreateAsync(TaskSteps.ForRole(TaskSteps.NewRole()), "operator:root");
        var dependencies = hive.SiloGrains.GetGrain<ITaskDependencyGrain>(GrainKeys.Task(task.Id));

        await TaskSteps.RejectedAsync(HiveErrorCodes.Validation, () => dependencies.AddDependent("../escape"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Validation, () => dependencies.PrerequisiteChanged(TaskSteps.NewTaskId(), (HiveTaskStatus)99));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Validation, () => dependencies.PrerequisiteChanged("", HiveTaskStatus.Completed));

        Assert.Equal(task.Version, (await Operator().Tasks.GetAsync(task.Id)).Version);
    }

    [Fact]
    public async Task A_client_cannot_raise_an_escalation_in_the_namespace_of_the_hives_own_alerts()
    {
        var agent = HiveClusterFixture.NewId("agent");
        string[] reserved =
        [
            AlertKeys.EscalationIdFor(AlertKeys.AgentUnresponsive(agent)),
            AlertKeys.EscalationIdFor(AlertKeys.TaskOverdue(TaskSteps.NewTaskId())),
            AlertKeys.EscalationIdFor(AlertKeys.ServiceLevel),
            "Halted.hive",
        ];

        foreach (var id in reserved)
        {
            var spec = new EscalationSpec(id, Severity.Critical, "Fake alert", "Raised by a client");
            var refused = await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => Operator().Escalations.RaiseAsync(spec, "operator:root"));
            Assert.Contains("reserved", refused.Message, StringComparison.Ordinal);
            await TaskSteps.RejectedAsync(HiveErrorCodes.NotFound, () => Operator().Escalations.GetAsync(id));
        }
        var own = HiveClusterFixture.NewId("esc");
        Assert.Equal(own, (await Operator().Escalations.RaiseAsync(new EscalationSpec(own, Severity.Low, "Client's own", "Fine"), "operator:root")).Spec.Id);
    }

    private HiveClient Operator() => hive.As(Root);
}

[Trait("Category", "Cluster")]
[Collection(SecureHiveCollection.Name)]
public sealed class InternalCallTestsInMemory(SecureHiveFixture hive) : InternalCallTests(hive);
