using System.Reflection;

namespace Hive.Tests.Cluster;

/// <summary>
/// Every state-changing method a client can call, found by reflection, either leaves exactly one audit event on the
/// entity it changes (each scenario below makes one accepted call and counts) or is listed with the reason it does not.
/// A new method without either fails the first test.
/// </summary>
public abstract class AuditCompletenessTests(HiveClusterFixture hive)
{
    private const string Operator = "operator:auditor";

    /// <summary>State-changing methods that leave no audit event of their own, and why.</summary>
    private static readonly Dictionary<string, string> NotAudited = new()
    {
        ["IAgentGrain.Heartbeat"] = "a liveness signal; the status changes it causes (ready, back from unresponsive) are audited, each beat is not",
        ["IMessengerGrain.Send"] = "the message itself is the record, kept in the message store with sender and time",
        ["IMessengerGrain.SendToRole"] = "the message itself is the record, kept in the message store with sender and time",
        ["IMessengerGrain.SendMany"] = "the messages themselves are the record, kept in the message store with sender and time",
        ["IInboxGrain.Ack"] = "removes delivered messages from the receiver's own inbox; no shared state changes",
        ["IHiveHealthGrain.Evaluate"] = "asks for an evaluation now; only a level change it causes is audited (hive/health)",
    };

    private delegate Task<(string Entity, Func<Task> Act)> Scenario(HiveClusterFixture hive);

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["IAgentGrain.Register"] = async _ => { var id = HiveClusterFixture.NewId("agent"); return (GrainKeys.Agent(id), () => Client(_).Agents.RegisterAsync(new AgentSpec(id, "A", ["r"]))); },
        ["IAgentGrain.Restore"] = async _ => { var id = HiveClusterFixture.NewId("agent"); return (GrainKeys.Agent(id), () => Client(_).Agents.RestoreAsync(new AgentSpec(id, "A", ["r"]), Operator)); },
        ["IAgentGrain.Deregister"] = async h => { var id = await Client(h).ReadyAgentAsync("r"); return (GrainKeys.Agent(id), () => Client(h).Agents.DeregisterAsync(id, Operator)); },
        ["IAgentGrain.Suspend"] = async h => { var id = await Client(h).ReadyAgentAsync("r"); return (GrainKeys.Agent(id), () => Client(h).Agents.SuspendAsync(id, Operator, "audit")); },
        ["IAgentGrain.Resume"] = async h =>
        {
            var id = await Client(h).ReadyAgentAsync("r");
            await Client(h).Agents.SuspendAsync(id, Operator, "audit");
            return (GrainKeys.Agent(id), () => Client(h).Agents.ResumeAsync(id, Operator));
        },
        ["IAgentGrain.ClaimNext"] = async h =>
        {
            var role = TaskSteps.NewRole();
            var task = await Client(h).CreateForRoleAsync(role);
            var id = await Client(h).ReadyAgentAsync(role);
            return (GrainKeys.Task(task.Id), () => Client(h).Agents.ClaimNextAsync(id));
        },
        ["IAgentGrain.Claim"] = async h =>
        {
            var role = TaskSteps.NewRole();
            var task = await Client(h).CreateForRoleAsync(role);
            var id = await Client(h).ReadyAgentAsync(role);
            return (GrainKeys.Task(task.Id), () => Client(h).Agents.ClaimAsync(id, task.Id));
        },
        ["ITaskGrain.Create"] = async h => { var id = TaskSteps.NewTaskId(); return (GrainKeys.Task(id), () => Client(h).CreateForRoleAsync(TaskSteps.NewRole(), id)); },
        ["ITaskGrain.Restore"] = async h =>
        {
            var spec = TaskSteps.ForRole(TaskSteps.NewRole());
            return (GrainKeys.Task(spec.Id), () => Client(h).Tasks.RestoreAsync(new TaskRestore(spec, HiveTaskStatus.Ready), Operator));
        },
        ["ITaskGrain.Start"] = async h => await Claimed(h, (c, task, agent) => c.Tasks.StartAsync(task, agent)),
        ["ITaskGrain.ReportProgress"] = async h => await Started(h, (c, task, agent) => c.Tasks.ReportProgressAsync(task, agent, 40, "audit")),
        ["ITaskGrain.Complete"] = async h => await Started(h, (c, task, agent) => c.Tasks.CompleteAsync(task, agent, "done")),
        ["ITaskGrain.Fail"] = async h => await Started(h, (c, task, agent) => c.Tasks.FailAsync(task, agent, "broke", FailureKind.Permanent)),
        ["ITaskGrain.Approve"] = async h => await AwaitingApproval(h, (c, task, reviewer) => c.Tasks.ApproveAsync(task, reviewer, "fine")),
        ["ITaskGrain.Reject"] = async h => await AwaitingApproval(h, (c, task, reviewer) => c.Tasks.RejectAsync(task, reviewer, "not fine")),
        ["ITaskGrain.Cancel"] = async h => { var task = await Client(h).CreateForRoleAsync(TaskSteps.NewRole()); return (GrainKeys.Task(task.Id), () => Client(h).Tasks.CancelAsync(task.Id, Operator, "audit")); },
        ["ITaskGrain.Retry"] = async h =>
        {
            var task = await Client(h).CreateForRoleAsync(TaskSteps.NewRole());
            await Client(h).FailPermanentlyAsync(task.Id);
            return (GrainKeys.Task(task.Id), () => Client(h).Tasks.RetryAsync(task.Id, Operator));
        },
        ["IMemoryKeyGrain.Put"] = async h => { var (ns, key) = (HiveClusterFixture.NewId("ns"), HiveClusterFixture.NewId("key")); return ($"memory/{ns}/c/{key}", () => Client(h).Memory.PutAsync(ns, "c", key, "1", Operator)); },
        ["IMemoryKeyGrain.Delete"] = async h =>
        {
            var (ns, key) = (HiveClusterFixture.NewId("ns"), HiveClusterFixture.NewId("key"));
            await Client(h).Memory.PutAsync(ns, "c", key, "1", Operator);
            return ($"memory/{ns}/c/{key}", () => Client(h).Memory.DeleteAsync(ns, "c", key, Operator));
        },
        ["IEscalationGrain.Raise"] = async h => { var id = HiveClusterFixture.NewId("esc"); return (GrainKeys.Escalation(id), () => Client(h).Escalations.RaiseAsync(EscalationTestKit.Spec(id, Severity.Low), Operator)); },
        ["IEscalationGrain.Acknowledge"] = async h => await Raised(h, 0, (c, id) => c.Escalations.AcknowledgeAsync(id, Operator, "seen")),
        ["IEscalationGrain.Mitigate"] = async h => await Raised(h, 1, (c, id) => c.Escalations.MitigateAsync(id, Operator, "contained")),
        ["IEscalationGrain.Resolve"] = async h => await Raised(h, 2, (c, id) => c.Escalations.ResolveAsync(id, Operator, "fixed")),
        ["IEscalationGrain.Close"] = async h => await Raised(h, 3, (c, id) => c.Escalations.CloseAsync(id, Operator, "post-mortem")),
        ["IHiveHealthGrain.Pin"] = async h => ("hive/health", async () =>
        {
            await Client(h).Health.PinAsync(ServiceLevel.Full, Operator, "audit");
            await Client(h).Health.UnpinAsync(Operator);   // counted too: the expectation below is two for this pair
        }),
        ["IHiveHealthGrain.Unpin"] = async h =>
        {
            await Client(h).Health.PinAsync(ServiceLevel.Full, Operator, "audit");
            return ("hive/health", () => Client(h).Health.UnpinAsync(Operator));
        },
        ["IHiveHealthGrain.Halt"] = async h => ("hive/health", async () =>
        {
            await Client(h).Health.HaltAsync(Operator, "audit");
            await Client(h).Health.ResumeAsync(Operator);
        }),
        ["IHiveHealthGrain.Resume"] = async h =>
        {
            await Client(h).Health.HaltAsync(Operator, "audit");
            return ("hive/health", () => Client(h).Health.ResumeAsync(Operator));
        },
        ["ITokenRevocationGrain.Revoke"] = async h => ("security/revocations",
            () => h.Grains.GetGrain<ITokenRevocationGrain>(0).Revoke(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.AddHours(1), Operator)),
    };

    /// <summary>Scenarios whose act makes two audited changes on purpose (a change and its undo, so the shared hive is left as it was).</summary>
    private static readonly Dictionary<string, int> Expected = new() { ["IHiveHealthGrain.Pin"] = 2, ["IHiveHealthGrain.Halt"] = 2 };

    public static TheoryData<string> ScenarioNames() => [.. Scenarios.Keys.Order()];

    [Fact]
    public void Every_state_changing_method_has_a_scenario_or_a_reason()
    {
        var changing = typeof(OperationAttribute).Assembly.GetTypes()
            .Where(t => t.IsInterface)
            .SelectMany(t => t.GetMethods().Select(m => (Name: $"{t.Name}.{m.Name}", Operation: m.GetCustomAttribute<OperationAttribute>())))
            .Where(m => m.Operation is { Kind: not OperationKind.Read })
            .Select(m => m.Name)
            .ToList();

        Assert.True(changing.Count > 30, $"Only {changing.Count} state-changing methods found.");
        var uncovered = changing.Where(m => !Scenarios.ContainsKey(m) && !NotAudited.ContainsKey(m)).ToList();
        Assert.True(uncovered.Count == 0, $"No audit scenario or reason for: {string.Join(", ", uncovered)}");
        var stale = Scenarios.Keys.Concat(NotAudited.Keys).Where(m => !changing.Contains(m)).ToList();
        Assert.True(stale.Count == 0, $"Listed but no longer a state-changing client method: {string.Join(", ", stale)}");
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task An_accepted_call_leaves_exactly_one_audit_event_on_what_it_changed(string method)
    {
        var (entity, act) = await Scenarios[method](hive);
        var before = await CountAsync(entity);

        await act();

        Assert.Equal(before + Expected.GetValueOrDefault(method, 1), await CountAsync(entity));
        // The health scenarios leave the hive as they found it; every silo must see that before the next test calls.
        if (entity == "hive/health") await hive.UntilEverySiloEnforces(await hive.Hive.Health.GetStatusAsync());
    }

    private async Task<int> CountAsync(string entity)
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await hive.Audit.QueryAsync(new AuditQuery(Entity: entity, PageSize: Common.Limits.MaxPageSize, PageToken: token));
            count += page.Items.Count;
            token = page.NextPageToken;
        }
        while (token is not null);
        return count;
    }

    private static Hive.Client.HiveClient Client(HiveClusterFixture hive) => hive.Hive;

    private static async Task<(string, Func<Task>)> Claimed(HiveClusterFixture h, Func<Hive.Client.HiveClient, string, string, Task> act)
    {
        var task = await Client(h).CreateForRoleAsync(TaskSteps.NewRole());
        var agent = await Client(h).ClaimedByNewAgentAsync(task.Id);
        return (GrainKeys.Task(task.Id), () => act(Client(h), task.Id, agent));
    }

    private static async Task<(string, Func<Task>)> Started(HiveClusterFixture h, Func<Hive.Client.HiveClient, string, string, Task> act)
    {
        var task = await Client(h).CreateForRoleAsync(TaskSteps.NewRole());
        var agent = await Client(h).StartedByNewAgentAsync(task.Id);
        return (GrainKeys.Task(task.Id), () => act(Client(h), task.Id, agent));
    }

    private static async Task<(string, Func<Task>)> AwaitingApproval(HiveClusterFixture h, Func<Hive.Client.HiveClient, string, string, Task> act)
    {
        var (role, reviewerRole) = (TaskSteps.NewRole(), TaskSteps.NewRole());
        var spec = TaskSteps.ForRole(role) with { RequiredApprovals = [reviewerRole] };
        await Client(h).Tasks.CreateAsync(spec, TaskSteps.Operator);
        var worker = await Client(h).StartedByNewAgentAsync(spec.Id);
        await Client(h).Tasks.CompleteAsync(spec.Id, worker, "done");
        var reviewer = await Client(h).ReadyAgentAsync(reviewerRole);
        return (GrainKeys.Task(spec.Id), () => act(Client(h), spec.Id, reviewer));
    }

    /// <summary>An escalation moved <paramref name="steps"/> steps along acknowledge, mitigate, resolve.</summary>
    private static async Task<(string, Func<Task>)> Raised(HiveClusterFixture h, int steps, Func<Hive.Client.HiveClient, string, Task> act)
    {
        var id = HiveClusterFixture.NewId("esc");
        var escalations = Client(h).Escalations;
        await escalations.RaiseAsync(EscalationTestKit.Spec(id, Severity.Low), Operator);
        if (steps > 0) await escalations.AcknowledgeAsync(id, Operator, "seen");
        if (steps > 1) await escalations.MitigateAsync(id, Operator, "contained");
        if (steps > 2) await escalations.ResolveAsync(id, Operator, "fixed");
        return (GrainKeys.Escalation(id), () => act(Client(h), id));
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class AuditCompletenessTestsInMemory(HiveClusterFixture hive) : AuditCompletenessTests(hive);
