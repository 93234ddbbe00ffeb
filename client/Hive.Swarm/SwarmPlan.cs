namespace Hive.Swarm;

/// <summary>One agent of the swarm: its id, display name and the single role it plays.</summary>
public sealed record SwarmMember(string Id, string DisplayName, string Role);

/// <summary>One task of the plan, with the memory channel its keys live in and what its validation checks.</summary>
public sealed record SwarmTask(TaskSpec Spec, string Channel, string Validation);

/// <summary>
/// Week 1 of the phase-4 swarm (seed 001): four agents, eight reliability tasks with their prerequisites,
/// primary and supporting roles, validations (required approvals) and memory keys in the <c>phase4_swarm</c>
/// namespace. A suffix makes every id unique, so several swarms can share one hive (tests do).
/// </summary>
public sealed class SwarmPlan
{
    private SwarmPlan(string suffix, IReadOnlyList<SwarmMember> members, IReadOnlyList<SwarmTask> tasks, string ns, string escalationTaskId)
    {
        Suffix = suffix;
        Members = members;
        Tasks = tasks;
        Namespace = ns;
        EscalationTaskId = escalationTaskId;
    }

    public string Suffix { get; }
    public IReadOnlyList<SwarmMember> Members { get; }
    public IReadOnlyList<SwarmTask> Tasks { get; }
    public string Namespace { get; }

    /// <summary>The task during which the swarm raises, works and closes one escalation.</summary>
    public string EscalationTaskId { get; }

    public static readonly string[] Channels = ["coordination", "reliability", "health", "security", "monitoring"];

    public string Role(string role) => role + Suffix;

    public SwarmMember MemberFor(string role) => Members.Single(m => m.Role == role);

    /// <summary>The first <paramref name="taskCount"/> tasks of week 1 (all eight by default).</summary>
    public static SwarmPlan Week1(string suffix = "", int taskCount = 8)
    {
        string Id(string id) => id + suffix;
        var validator = Id("production-validator");
        var security = Id("security-manager");
        var deployment = Id("deployment-coordinator");
        var reliability = Id("reliability-engineer");
        SwarmMember[] members =
        [
            new(Id("validator-1"), "Production Validator", validator),
            new(Id("security-1"), "Security Manager", security),
            new(Id("deployer-1"), "Deployment Coordinator", deployment),
            new(Id("reliability-1"), "Reliability Engineer", reliability),
        ];
        string[] Others(string primary) => [.. new[] { validator, security, deployment, reliability }.Where(r => r != primary)];
        var ns = Id("phase4_swarm");
        SwarmTask Task(int n, string title, string primary, string[] validators, string channel, string[] keys, string validation, params int[] after) =>
            new(new TaskSpec(
                Id($"week1-task-{n}"), title, "reliability",
                Description: $"Week 1, task {n}: {title}.",
                Priority: 90 - n,
                PrimaryRole: primary,
                SupportingAgents: [.. validators.Select(r => members.Single(m => m.Role == r).Id)],
                Prerequisites: [.. after.Select(p => Id($"week1-task-{p}"))],
                RequiredApprovals: validators,
                TimeBudget: TimeSpan.FromMinutes(10),
                Writes: [.. keys.Select(k => $"{ns}/{channel}/{k}").Append($"{ns}/coordination/agent_task_{n}")]),
                channel, validation);

        SwarmTask[] tasks =
        [
            Task(1, "Circuit breaker pattern", reliability, [security, validator], "reliability",
                ["circuit_breaker_status", "reliability_metrics"], "circuit breaker prevents cascade failures under simulated load"),
            Task(2, "Health check system", validator, [security, deployment], "health",
                ["health_check_system", "endpoint_security", "k8s_integration"], "health checks reflect component status", 1),
            Task(3, "Retry mechanisms", reliability, [validator, security], "reliability",
                ["retry_system_status", "backoff_algorithms", "retry_security"], "retries recover from transient failures without overload", 2),
            Task(4, "Graceful degradation", validator, Others(validator), "monitoring",
                ["service_levels", "degradation_policies", "agent_approvals"], "essential functions hold at every service level", 1, 2, 3),
            Task(5, "Distributed monitoring", validator, Others(validator), "monitoring",
                ["monitoring_system", "agent_metrics", "alert_coordination"], "monitoring sees every agent-coordinated operation", 4),
            Task(6, "Rate limiting", security, [validator, deployment], "security",
                ["rate_limit_policies", "agent_coordination_limits", "infrastructure_capacity"], "limits stop abuse and keep the service available", 5),
            Task(7, "Error handling and recovery", reliability, Others(reliability), "reliability",
                ["error_handling_system", "recovery_strategies", "agent_error_context"], "errors recover with agent coordination", 6),
            Task(8, "Reliability system validation", validator, Others(validator), "coordination",
                ["reliability_validation", "agent_test_results", "system_integration"], "the reliability system passes production-readiness tests", 1, 2, 3, 4, 5, 6, 7),
        ];
        if (taskCount is < 1 or > 8) throw new ArgumentOutOfRangeException(nameof(taskCount), "Week 1 has tasks 1 to 8.");
        return new SwarmPlan(suffix, members, tasks[..taskCount], ns, Id("week1-task-6"));
    }
}
