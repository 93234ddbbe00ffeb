namespace Hive.Tests.Console;

/// <summary>The seed templates rendered from live data: an agent's status update, an escalation, the coordination summary.</summary>
[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleReportTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Status_update_reports_held_completed_and_next_work_and_what_it_needs()
    {
        var (role, approvers) = (TaskSteps.NewRole(), TaskSteps.NewRole());
        var agent = await hive.Hive.ReadyAgentAsync(role);
        var (done, held, next, later) = (TaskSteps.NewTaskId(), TaskSteps.NewTaskId(), TaskSteps.NewTaskId(), TaskSteps.NewTaskId());
        await hive.Hive.CreateForRoleAsync(role, done);
        await hive.Hive.Agents.ClaimAsync(agent, done);
        await hive.Hive.Tasks.CompleteAsync(done, agent, "ok");
        await hive.Hive.Tasks.CreateAsync(TaskSteps.ForRole(role, held) with { RequiredApprovals = [approvers] }, TaskSteps.Operator);
        await hive.Hive.Agents.ClaimAsync(agent, held);
        await hive.Hive.Tasks.ReportProgressAsync(held, agent, 50, "halfway");
        await hive.Hive.Tasks.CompleteAsync(held, agent, "ready for review");
        await hive.Hive.CreateForRoleAsync(role, next);
        await hive.Hive.Tasks.CreateAsync(TaskSteps.ForRole(role, later) with { Prerequisites = [next] }, TaskSteps.Operator);

        var report = (await ConsoleRun.RunAsync(hive, "report", "status", "--agent", agent)).Succeeded().Out;

        Assert.StartsWith($"## Agent {agent} ({agent}) Status Update - 2026-", report, StringComparison.Ordinal);
        Assert.Contains("- 🟡 Overall health: busy", report, StringComparison.Ordinal);
        Assert.Contains($"- Active: {held} Do the thing - awaiting-approval, 100% (halfway)", report, StringComparison.Ordinal);
        Assert.Contains($"### Completed Since Last Update", report, StringComparison.Ordinal);
        Assert.Contains($"- ✅ {done}: Do the thing", report, StringComparison.Ordinal);
        Assert.Contains($"- [ ] {next}: Do the thing (ready, priority 50)", report, StringComparison.Ordinal);
        Assert.Contains($"- [ ] {later}: Do the thing (pending, priority 50)", report, StringComparison.Ordinal);
        Assert.Contains($"- Requests for other agents: {held} awaits approval from {approvers}", report, StringComparison.Ordinal);
        Assert.Contains($"- Dependencies on other work: {later} waits for {next}", report, StringComparison.Ordinal);
        (await ConsoleRun.RunAsync(hive, "report", "status", "--agent", HiveClusterFixture.NewId("ghost"))).Failed(2, "not-found");
    }

    [Fact]
    public async Task Escalation_report_fills_every_field_of_the_template()
    {
        var id = HiveClusterFixture.NewId("esc");
        await hive.Hive.Escalations.RaiseAsync(new EscalationSpec(id, Severity.High, "Database latency", "p99 above 2 s on the primary",
            PrimaryAgent: "reliability-1", SupportingAgents: ["deployer-1", "validator-1"], Impact: "Deployments stall",
            ProposedResolution: "Fail over to the replica", Timeline: "within 30 min", Dependencies: ["task/week1-task-6"]), "tester");

        var report = (await ConsoleRun.RunAsync(hive, "report", "escalation", id)).Succeeded().Out;
        var json = (await ConsoleRun.RunAsync(hive, "report", "escalation", id, "--json")).Succeeded().Json();

        Assert.Contains("""
            ## ESCALATION: Database latency

            **Severity**: HIGH
            **Primary Agent**: reliability-1
            **Supporting Agents**: deployer-1, validator-1

            **Issue Description**: 
            p99 above 2 s on the primary

            **Impact**:
            Deployments stall

            **Proposed Resolution**:
            Fail over to the replica

            **Timeline**:
            within 30 min

            **Dependencies**:
            - task/week1-task-6
            """.ReplaceLineEndings("\n"), report.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("**Status**: open, raised", report, StringComparison.Ordinal);
        Assert.Equal("high", json.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Summary_counts_tasks_validations_memory_updates_and_delivered_messages()
    {
        var (type, role, approvers) = (TaskSteps.NewType(), TaskSteps.NewRole(), TaskSteps.NewRole());
        var approver = await hive.Hive.ReadyAgentAsync(approvers);
        var done = TaskSteps.NewTaskId();
        await hive.Hive.Tasks.CreateAsync(TaskSteps.ForRole(role, done, type) with { RequiredApprovals = [approvers] }, TaskSteps.Operator);
        var worker = await hive.Hive.ClaimedByNewAgentAsync(done);
        await hive.Hive.Tasks.CompleteAsync(done, worker, "ok");
        await hive.Hive.Tasks.ApproveAsync(done, approver, "fine");
        await hive.Hive.CreateForRoleAsync(role, type: type);
        var ns = HiveClusterFixture.NewId("ns");
        for (var i = 0; i < 3; i++) await hive.Hive.Memory.PutAsync(ns, "c", "k", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "tester");
        var before = (await ConsoleRun.RunAsync(hive, "report", "summary", "--type", type, "--namespace", ns, "--json")).Succeeded().Json();
        await hive.Hive.Messages.SendAsync(new MessageDraft(worker, "notice", "one", "", To: approver));
        await hive.Hive.Messages.SendAsync(new MessageDraft(approver, "notice", "two", "", To: worker));

        var after = (await ConsoleRun.RunAsync(hive, "report", "summary", "--type", type, "--namespace", ns, "--json")).Succeeded().Json();
        var markdown = (await ConsoleRun.RunAsync(hive, "report", "summary", "--type", type, "--namespace", ns, "--title", "WEEK 1 COORDINATION SUMMARY")).Succeeded().Out;

        Assert.Equal(1, after.GetProperty("tasksCompleted").GetInt32());
        Assert.Equal(2, after.GetProperty("tasks").GetInt32());
        Assert.Equal(1, after.GetProperty("validations").GetInt32());
        Assert.Equal(3, after.GetProperty("memoryUpdates").GetInt64());
        Assert.Equal(before.GetProperty("messagesDelivered").GetInt64() + 2, after.GetProperty("messagesDelivered").GetInt64());
        Assert.StartsWith("## WEEK 1 COORDINATION SUMMARY", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Tasks Coordinated**: 1/2 (50% success rate)", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Memory System Updates**: 3", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Cross-Agent Validations**: 1", markdown, StringComparison.Ordinal);
    }
}
