using System.Text.Json;
using Hive.Escalations;
using Hive.Messaging;

namespace Hive.Swarm;

/// <summary>
/// A sample agent, written as a real one would be: it heartbeats, reads and acks its inbox, approves work it
/// is asked to validate, claims the next task its role may take, reports progress, writes shared memory,
/// tells the supporting agents, and asks the validators for sign-off. One loop, one call at a time.
/// </summary>
public sealed class SwarmAgent(HiveClient hive, SwarmPlan plan, SwarmMember me, SwarmStats stats, Action<string> say, TimeSpan pace)
{
    public async Task RunAsync(CancellationToken stop)
    {
        await hive.Agents.RegisterAsync(new AgentSpec(me.Id, me.DisplayName, [me.Role], ["coordination"]));
        var halted = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var self = await hive.Agents.HeartbeatAsync(me.Id, load: 0.3);
                await HandleInboxAsync();
                // A task awaiting sign-off stays with its agent; only a free agent asks for more work, and a suspended or
                // draining one asks for none (the hive would refuse, and an operator's suspend must not end this loop).
                if (self.CurrentTaskId is null && self.Status == AgentStatus.Ready && !self.Draining
                    && await hive.Agents.ClaimNextAsync(me.Id) is { } task)
                    await WorkOnAsync(plan.Tasks.Single(t => t.Spec.Id == task.Id));
                halted = false;
                await Task.Delay(pace, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HiveException e) when (HiveErrorCodes.IsTransient(e.Code))
            {
                say($"{me.Id}: {e.Code}, retrying: {e.Message}");
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.Halted)
            {
                // A halt lasts until an operator resumes the hive, so the agent keeps heartbeating and asks again; said once per halt.
                if (!halted) say($"{me.Id}: halted, waiting for the hive to resume: {e.Message}");
                halted = true;
                // The client does not retry a halt, so the pause is here; a stop during it ends the loop at the top.
                await Task.Delay(pace, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task HandleInboxAsync()
    {
        var messages = await hive.Messages.ReceiveAsync(me.Id, 10, TimeSpan.Zero);
        foreach (var message in messages)
        {
            if (message.Kind == "review" && message.CorrelationId is { } taskId) await ValidateAsync(taskId);
            else say($"{me.Id} read {message.Kind} from {message.From}: {message.Subject}");
        }
        if (messages.Count > 0) await hive.Messages.AckAsync(me.Id, messages.Select(m => m.Sequence));
    }

    private async Task ValidateAsync(string taskId)
    {
        var task = plan.Tasks.Single(t => t.Spec.Id == taskId);
        var current = await hive.Tasks.GetAsync(taskId);
        if (current.Status != HiveTaskStatus.AwaitingApproval || current.Approvals.Any(a => a.Role == me.Role)) return;
        await hive.Tasks.ApproveAsync(taskId, me.Id, $"validated: {task.Validation}");
        await PutAsync(task.Channel, $"validation_{Short(taskId)}_{me.Role}", new { task = taskId, validated_by = me.Id, check = task.Validation });
        say($"{me.Id} validated {taskId} ({task.Validation})");
    }

    private async Task WorkOnAsync(SwarmTask task)
    {
        var id = task.Spec.Id;
        say($"{me.Id} claimed {id}: {task.Spec.Title}");
        await hive.Tasks.StartAsync(id, me.Id);
        foreach (var key in task.Spec.Writes!) await PutAsync(key, new { task = id, status = "in_progress", agent = me.Id });
        await hive.Tasks.ReportProgressAsync(id, me.Id, 50, "implemented; telling the supporting agents");
        foreach (var supporter in task.Spec.SupportingAgents!)
        {
            await hive.Messages.SendAsync(new MessageDraft(me.Id, "notice", $"{task.Spec.Title} ready for you", $"Please look at {id}.",
                To: supporter, CorrelationId: id));
            stats.Delivered(1);
        }
        if (id == plan.EscalationTaskId) await WorkAnEscalationAsync(task);
        foreach (var key in task.Spec.Writes!) await PutAsync(key, new { task = id, status = "completed", agent = me.Id });
        await hive.Tasks.CompleteAsync(id, me.Id, $"{task.Spec.Title} done");
        foreach (var role in task.Spec.RequiredApprovals!)
        {
            var receipt = await hive.Messages.SendToRoleAsync(new MessageDraft(me.Id, "review", $"Validate {id}", task.Validation,
                ToRole: role, CorrelationId: id));
            stats.Delivered(receipt.Delivered.Count);
        }
        say($"{me.Id} finished {id}; awaiting {string.Join(", ", task.Spec.RequiredApprovals!)}");
    }

    /// <summary>The seed's escalation template, raised, led and closed by the agent that hit the problem.</summary>
    private async Task WorkAnEscalationAsync(SwarmTask task)
    {
        var id = "rate-limits-" + Short(task.Spec.Id);
        await hive.Escalations.RaiseAsync(new EscalationSpec(id + plan.Suffix, Severity.High,
            "Rate limit policy conflicts with infrastructure capacity",
            "The proposed per-agent limits exceed what the gateway can absorb at peak.",
            PrimaryAgent: me.Id,
            SupportingAgents: task.Spec.SupportingAgents,
            Impact: "Agents could be throttled during deployments.",
            ProposedResolution: "Scale limits with the service level; cap bursts at gateway capacity.",
            Timeline: "Resolve before task 7 starts.",
            Dependencies: [task.Spec.Id],
            CausedBy: "task/" + task.Spec.Id), me.Id);
        say($"{me.Id} raised escalation {id + plan.Suffix} (HIGH)");
        await hive.Escalations.AcknowledgeAsync(id + plan.Suffix, me.Id, "leading it");
        await hive.Escalations.MitigateAsync(id + plan.Suffix, me.Id, "bursts capped at gateway capacity");
        await hive.Escalations.ResolveAsync(id + plan.Suffix, me.Id, "limits now scale with the service level");
        await hive.Escalations.CloseAsync(id + plan.Suffix, me.Id, "Post-mortem: capacity figures were stale; they are now read from monitoring.");
        say($"{me.Id} resolved and closed escalation {id + plan.Suffix}");
    }

    private Task<Hive.Memory.MemoryEntry> PutAsync(string path, object value)
    {
        var parts = path.Split('/');
        return hive.Memory.PutAsync(parts[0], parts[1], parts[2], JsonSerializer.Serialize(value), me.Id);
    }

    private Task<Hive.Memory.MemoryEntry> PutAsync(string channel, string key, object value) => PutAsync($"{plan.Namespace}/{channel}/{key}", value);

    private string Short(string taskId) => taskId[..^plan.Suffix.Length].Replace("week1-", "", StringComparison.Ordinal);
}
