namespace Hive.Tests.Fuzz;

/// <summary>
/// Every entry point of Hive.Client, each with arguments drawn from <see cref="HostileValues"/>. Ids come from small
/// pools shared by all calls (so registrations, claims and completions meet), and any argument may be hostile instead.
/// </summary>
internal static class FuzzCalls
{
    public static readonly string[] Agents = Pool("fuzz-agent", 8);
    public static readonly string[] Tasks = Pool("fuzz-task", 16);
    public static readonly string[] Escalations = Pool("fuzz-esc", 6);
    public static readonly string[] Roles = Pool("fuzz-role", 3);
    private static readonly string[] Namespaces = Pool("fuzz-ns", 2);
    private static readonly string[] Channels = Pool("fuzz-ch", 3);
    private static readonly string[] Keys = Pool("fuzz-key", 5);
    public const string Operator = "operator:fuzz";
    private static readonly string[] Actors = [.. Agents, Operator, "operator:other"];
    // Long waits are clamped to the 25 s long poll, which would stall a sequential run: the hostile ones are negative.
    private static readonly TimeSpan?[] Waits = [TimeSpan.Zero, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(-1), TimeSpan.MinValue];

    public static readonly IReadOnlyList<(string Name, Func<HiveClient, HostileValues, Task> Call)> All =
    [
        ("agents.register", (h, v) => h.Agents.RegisterAsync(new AgentSpec(v.Id(Agents), v.Text(), v.List(() => v.Id(Roles))!, v.List(v.Text),
            v.Chance(0.2) ? new Dictionary<string, string> { [v.Text()] = v.Text() } : null))),
        ("agents.heartbeat", (h, v) => h.Agents.HeartbeatAsync(v.Id(Agents), v.Double())),
        ("agents.deregister", (h, v) => h.Agents.DeregisterAsync(v.Id(Agents), v.Id(Actors))),
        ("agents.suspend", (h, v) => h.Agents.SuspendAsync(v.Id(Agents), v.Id(Actors), v.Text())),
        ("agents.resume", (h, v) => h.Agents.ResumeAsync(v.Id(Agents), v.Id(Actors))),
        ("agents.get", (h, v) => h.Agents.GetAsync(v.Id(Agents))),
        ("agents.claim-next", (h, v) => h.Agents.ClaimNextAsync(v.Id(Agents))),
        ("agents.claim", (h, v) => h.Agents.ClaimAsync(v.Id(Agents), v.Id(Tasks))),
        ("agents.list", (h, v) => h.Agents.ListAsync(new AgentQuery(v.Chance(0.5) ? null : v.Enum<AgentStatus>(), v.OptionalId(Roles), v.Int(), v.OptionalText()))),
        ("tasks.create", (h, v) => h.Tasks.CreateAsync(new TaskSpec(v.Id(Tasks), v.Text(), v.Text(), v.OptionalText(), v.Int(), v.OptionalId(Roles),
            v.Chance(0.8) ? null : v.Id(Agents), v.List(() => v.Id(Agents)), v.Chance(0.5) ? null : v.List(() => v.Id(Tasks)),
            v.Chance(0.6) ? null : v.List(() => v.Id(Roles)), v.Span(), v.Chance(0.7) ? 3 : v.Int(), v.List(v.Text), v.List(v.Text)), v.Id(Actors))),
        ("tasks.get", (h, v) => h.Tasks.GetAsync(v.Id(Tasks))),
        ("tasks.start", (h, v) => h.Tasks.StartAsync(v.Id(Tasks), v.Id(Agents))),
        ("tasks.progress", (h, v) => h.Tasks.ReportProgressAsync(v.Id(Tasks), v.Id(Agents), v.Int(), v.OptionalText())),
        ("tasks.complete", (h, v) => h.Tasks.CompleteAsync(v.Id(Tasks), v.Id(Agents), v.OptionalText())),
        ("tasks.fail", (h, v) => h.Tasks.FailAsync(v.Id(Tasks), v.Id(Agents), v.Text(), v.Enum<FailureKind>())),
        ("tasks.approve", (h, v) => h.Tasks.ApproveAsync(v.Id(Tasks), v.Id(Agents), v.OptionalText())),
        ("tasks.reject", (h, v) => h.Tasks.RejectAsync(v.Id(Tasks), v.Id(Agents), v.Text())),
        ("tasks.cancel", (h, v) => h.Tasks.CancelAsync(v.Id(Tasks), v.Id(Actors), v.Text())),
        ("tasks.retry", (h, v) => h.Tasks.RetryAsync(v.Id(Tasks), v.Id(Actors))),
        ("tasks.list", (h, v) => h.Tasks.ListAsync(new TaskQuery(v.Chance(0.5) ? null : v.Enum<HiveTaskStatus>(), v.OptionalText(), v.OptionalId(Agents), v.Int(), v.OptionalText()))),
        ("memory.put", (h, v) => h.Memory.PutAsync(v.Id(Namespaces), v.Id(Channels), v.Id(Keys), v.Json(), v.Id(Actors), v.Version(), v.Span())),
        ("memory.get", (h, v) => h.Memory.GetAsync(v.Id(Namespaces), v.Id(Channels), v.Id(Keys))),
        ("memory.delete", (h, v) => h.Memory.DeleteAsync(v.Id(Namespaces), v.Id(Channels), v.Id(Keys), v.Id(Actors), v.Version())),
        ("memory.keys", (h, v) => h.Memory.ListKeysAsync(v.Id(Namespaces), v.Id(Channels), v.Int(), v.OptionalText())),
        ("memory.channels", (h, v) => h.Memory.ListChannelsAsync(v.Id(Namespaces), v.Int(), v.OptionalText())),
        ("memory.namespaces", (h, v) => h.Memory.ListNamespacesAsync(v.Int(), v.OptionalText())),
        ("messages.send", (h, v) => h.Messages.SendAsync(Draft(v, to: true))),
        ("messages.send-role", (h, v) => h.Messages.SendToRoleAsync(Draft(v, to: false))),
        ("messages.send-many", (h, v) => h.Messages.SendManyAsync(v.List(() => "x")?.Select(_ => Draft(v, to: true)).ToList() ?? [])),
        ("messages.receive", (h, v) => h.Messages.ReceiveAsync(v.Id(Agents), v.Int(), v.Chance(0.5) ? null : v.Pick(Waits))),
        ("messages.ack", (h, v) => h.Messages.AckAsync(v.Id(Agents), v.List(() => "x")?.Select(_ => v.Version() ?? 0).ToList() ?? [])),
        ("messages.size", (h, v) => h.Messages.InboxSizeAsync(v.Id(Agents))),
        ("escalations.raise", (h, v) => h.Escalations.RaiseAsync(new EscalationSpec(v.Id(Escalations), v.Enum<Severity>(), v.Text(), v.Text(),
            v.OptionalId(Agents), v.List(() => v.Id(Agents)), v.OptionalText(), v.OptionalText(), v.OptionalText(), v.List(v.Text), v.OptionalText()), v.Id(Actors))),
        ("escalations.get", (h, v) => h.Escalations.GetAsync(v.Id(Escalations))),
        ("escalations.acknowledge", (h, v) => h.Escalations.AcknowledgeAsync(v.Id(Escalations), v.Id(Actors), v.OptionalText())),
        ("escalations.mitigate", (h, v) => h.Escalations.MitigateAsync(v.Id(Escalations), v.Id(Actors), v.Text())),
        ("escalations.resolve", (h, v) => h.Escalations.ResolveAsync(v.Id(Escalations), v.Id(Actors), v.Text())),
        ("escalations.close", (h, v) => h.Escalations.CloseAsync(v.Id(Escalations), v.Id(Actors), v.Text())),
        ("escalations.list", (h, v) => h.Escalations.ListAsync(new EscalationQuery(PageSize: v.Int(), PageToken: v.OptionalText()))),
        ("health.status", (h, _) => h.Health.GetStatusAsync()),
        ("health.pin", (h, v) => v.Chance(0.1) ? h.Health.PinAsync(v.Enum<ServiceLevel>(), v.Id(Actors), v.Text()) : Task.CompletedTask),
        ("health.unpin", (h, v) => h.Health.UnpinAsync(v.Id(Actors))),
        ("health.halt", (h, v) => v.Chance(0.1) ? h.Health.HaltAsync(v.Id(Actors), v.Text()) : Task.CompletedTask),
        ("health.resume", (h, v) => h.Health.ResumeAsync(v.Id(Actors))),
        ("audit.query", (h, v) => h.Audit.QueryAsync(new AuditQuery(v.OptionalText(), v.OptionalText(), null, null, v.Int(), v.OptionalText()))),
    ];

    private static MessageDraft Draft(HostileValues v, bool to) =>
        new(v.Id(Agents), v.Text(), v.Text(), v.Text(), to ? v.Id(Agents) : null, to ? null : v.Id(Roles), v.OptionalText());

    private static string[] Pool(string prefix, int size) => Enumerable.Range(0, size).Select(i => $"{prefix}-{i}").ToArray();
}
