namespace Hive.Tests.Console;

/// <summary>
/// A hive with one of nearly everything a snapshot must carry: agents ready, registered, busy, suspended, offline and
/// draining; tasks completed with approvals, ready, pending, retrying, failed, blocked, cancelled, in progress with a
/// deadline, awaiting approval; memory in two namespaces with a TTL; escalations in every status.
/// </summary>
internal static class SnapshotScenario
{
    private const string Operator = "planner";

    public static async Task FillAsync(HiveClient hive)
    {
        await AgentAsync(hive, "worker-1", "builder", heartbeat: true, new Dictionary<string, string> { ["zone"] = "eu" });
        await AgentAsync(hive, "checker-1", "checker", heartbeat: true);
        await AgentAsync(hive, "security-1", "security", heartbeat: true);
        foreach (var id in new[] { "holder-1", "drainer-1", "paused-1", "gone-1" }) await AgentAsync(hive, id, "builder", heartbeat: true);
        await AgentAsync(hive, "idle-1", "builder", heartbeat: false);
        await hive.Agents.SuspendAsync("paused-1", Operator, "maintenance window");
        await hive.Agents.DeregisterAsync("gone-1", Operator);

        await TaskAsync(hive, new TaskSpec("t-done", "Build it", "build", PrimaryRole: "builder", RequiredApprovals: ["checker"], Priority: 70));
        await hive.Agents.ClaimAsync("worker-1", "t-done");
        await hive.Tasks.ReportProgressAsync("t-done", "worker-1", 30, "first pass");
        await hive.Tasks.CompleteAsync("t-done", "worker-1", "built");
        await hive.Tasks.ApproveAsync("t-done", "checker-1", "looks right");
        await TaskAsync(hive, new TaskSpec("t-next", "Ship it", "build", PrimaryRole: "builder", Prerequisites: ["t-done"]));
        await TaskAsync(hive, new TaskSpec("t-later", "Announce it", "build", PrimaryRole: "builder", Prerequisites: ["t-next"]));
        await TaskAsync(hive, new TaskSpec("t-fail", "Flaky step", "build", PrimaryRole: "builder", MaxAttempts: 2));
        await hive.Agents.ClaimAsync("worker-1", "t-fail");
        await hive.Tasks.FailAsync("t-fail", "worker-1", "flaky network", FailureKind.Transient);
        await hive.Agents.ClaimAsync("worker-1", "t-fail");
        await hive.Tasks.FailAsync("t-fail", "worker-1", "disk full", FailureKind.Permanent);
        await TaskAsync(hive, new TaskSpec("t-blocked", "After the flaky step", "build", PrimaryRole: "builder", Prerequisites: ["t-fail"]));
        await TaskAsync(hive, new TaskSpec("t-cancel", "Old plan", "build", PrimaryAgent: "worker-1"));
        await hive.Tasks.CancelAsync("t-cancel", Operator, "superseded");
        await TaskAsync(hive, new TaskSpec("t-retrying", "Retry me", "build", PrimaryRole: "builder"));
        await hive.Agents.ClaimAsync("worker-1", "t-retrying");
        await hive.Tasks.FailAsync("t-retrying", "worker-1", "timeout", FailureKind.Transient);
        await TaskAsync(hive, new TaskSpec("t-held", "Long job", "build", PrimaryRole: "builder", Prerequisites: ["t-done"],
            TimeBudget: TimeSpan.FromMinutes(30), Writes: ["ns-a/ch-1/k1"]));
        await hive.Agents.ClaimAsync("holder-1", "t-held");
        await hive.Tasks.ReportProgressAsync("t-held", "holder-1", 40, "halfway");
        await TaskAsync(hive, new TaskSpec("t-await", "Needs two sign-offs", "review", PrimaryRole: "builder", RequiredApprovals: ["checker", "security"]));
        await hive.Agents.ClaimAsync("drainer-1", "t-await");
        await hive.Tasks.CompleteAsync("t-await", "drainer-1", "ready for review");
        await hive.Tasks.ApproveAsync("t-await", "checker-1", "ok");
        await hive.Agents.DeregisterAsync("drainer-1", Operator);

        await hive.Memory.PutAsync("ns-a", "ch-1", "k1", """{"a": 0}""", "worker-1");
        await hive.Memory.PutAsync("ns-a", "ch-1", "k1", """{ "a": 1,  "b": [1, 2] }""", "worker-1");
        await hive.Memory.PutAsync("ns-a", "ch-2", "k2", "\"text\"", "checker-1", ttl: TimeSpan.FromHours(2));
        await hive.Memory.PutAsync("ns-a", "ch-1", "gone", "1", "worker-1");
        await hive.Memory.DeleteAsync("ns-a", "ch-1", "gone", "worker-1");
        await hive.Memory.PutAsync("ns-b", "ch", "k3", "42", "security-1");

        await EscalationAsync(hive, "e-open", Severity.High);
        await hive.Escalations.AcknowledgeAsync((await EscalationAsync(hive, "e-ack", Severity.Medium)).Id, Operator, "looking");
        await hive.Escalations.MitigateAsync((await EscalationAsync(hive, "e-mit", Severity.Low)).Id, Operator, "rolling back");
        await hive.Escalations.ResolveAsync((await EscalationAsync(hive, "e-res", Severity.Critical)).Id, Operator, "fixed");
        await hive.Escalations.ResolveAsync((await EscalationAsync(hive, "e-closed", Severity.High)).Id, Operator, "patched");
        await hive.Escalations.CloseAsync("e-closed", Operator, "Post-mortem: the canary was skipped.");
    }

    private static async Task AgentAsync(HiveClient hive, string id, string role, bool heartbeat, Dictionary<string, string>? metadata = null)
    {
        await hive.Agents.RegisterAsync(new AgentSpec(id, "Agent " + id, [role], ["coordination"], metadata));
        if (heartbeat) await hive.Agents.HeartbeatAsync(id, 0.25);
    }

    private static Task<TaskInfo> TaskAsync(HiveClient hive, TaskSpec spec) => hive.Tasks.CreateAsync(spec, Operator);

    private static Task<EscalationInfo> EscalationAsync(HiveClient hive, string id, Severity severity) =>
        hive.Escalations.RaiseAsync(new EscalationSpec(id, severity, "Trouble " + id, "Something broke: " + id, PrimaryAgent: "worker-1",
            SupportingAgents: ["checker-1"], Impact: "Builds stall", ProposedResolution: "Roll back", Timeline: "today",
            Dependencies: ["task/t-held"], CausedBy: "task/t-fail"), "reliability-1");
}
