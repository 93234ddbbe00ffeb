using Orleans.Core.Internal;
using Orleans.Runtime;

namespace Hive.Tests.Cluster;

/// <summary>
/// Steps the task cluster tests share. Every id (task, agent, role, type) is fresh, so tests that share the
/// cluster never see each other's tasks in a queue or a listing.
/// </summary>
internal static class TaskSteps
{
    public const string Operator = "tester";

    public static string NewRole() => HiveClusterFixture.NewId("role");

    public static string NewType() => HiveClusterFixture.NewId("type");

    public static string NewTaskId() => HiveClusterFixture.NewId("task");

    /// <summary>A task any agent of <paramref name="role"/> may claim.</summary>
    public static TaskSpec ForRole(string role, string? id = null, string type = "chore") =>
        new(id ?? NewTaskId(), "Do the thing", type, PrimaryRole: role);

    /// <summary>Creates a task for <paramref name="role"/> as the operator.</summary>
    public static Task<TaskInfo> CreateForRoleAsync(this HiveClient hive, string role, string? id = null, string type = "chore") =>
        hive.Tasks.CreateAsync(ForRole(role, id, type), Operator);

    /// <summary>Registers a fresh agent with <paramref name="roles"/> and sends a heartbeat, so it is ready to claim.</summary>
    public static async Task<string> ReadyAgentAsync(this HiveClient hive, params string[] roles)
    {
        var agent = HiveClusterFixture.NewId("agent");
        await hive.Agents.RegisterAsync(new AgentSpec(agent, "Agent " + agent, roles));
        var info = await hive.Agents.HeartbeatAsync(agent, 0.1);
        Assert.Equal(AgentStatus.Ready, info.Status);
        return agent;
    }

    /// <summary>A fresh ready agent of the task's primary role claims the task by id; returns the agent.</summary>
    public static async Task<string> ClaimedByNewAgentAsync(this HiveClient hive, string taskId)
    {
        var spec = (await hive.Tasks.GetAsync(taskId)).Spec;
        var agent = await hive.ReadyAgentAsync(spec.PrimaryRole!);
        var claimed = await hive.Agents.ClaimAsync(agent, taskId);
        Assert.Equal(HiveTaskStatus.Assigned, claimed.Status);
        Assert.Equal(agent, claimed.AssignedAgent);
        return agent;
    }

    /// <summary>A fresh agent claims and starts the task; returns the agent.</summary>
    public static async Task<string> StartedByNewAgentAsync(this HiveClient hive, string taskId)
    {
        var agent = await hive.ClaimedByNewAgentAsync(taskId);
        Assert.Equal(HiveTaskStatus.InProgress, (await hive.Tasks.StartAsync(taskId, agent)).Status);
        return agent;
    }

    /// <summary>A fresh agent claims and completes the task (which needs no approvals).</summary>
    public static async Task<TaskInfo> RunToCompletionAsync(this HiveClient hive, string taskId)
    {
        var agent = await hive.ClaimedByNewAgentAsync(taskId);
        var done = await hive.Tasks.CompleteAsync(taskId, agent, "done");
        Assert.Equal(HiveTaskStatus.Completed, done.Status);
        return done;
    }

    /// <summary>A fresh agent claims the task and fails it permanently.</summary>
    public static async Task<TaskInfo> FailPermanentlyAsync(this HiveClient hive, string taskId)
    {
        var agent = await hive.ClaimedByNewAgentAsync(taskId);
        var failed = await hive.Tasks.FailAsync(taskId, agent, "disk on fire", FailureKind.Permanent);
        Assert.Equal(HiveTaskStatus.Failed, failed.Status);
        return failed;
    }

    /// <summary>Every audit event recorded for the task, oldest first.</summary>
    public static async Task<IReadOnlyList<AuditEvent>> AuditOfAsync(this HiveClient hive, string taskId)
    {
        var page = await hive.Audit.QueryAsync(new AuditQuery(Entity: GrainKeys.Task(taskId), PageSize: Limits.MaxPageSize));
        Assert.Null(page.NextPageToken);
        return page.Items.Reverse().ToArray();
    }

    /// <summary>Deactivates <paramref name="grain"/> and waits until no silo hosts it, as if its activation were lost.</summary>
    public static async Task DeactivateAsync(this HiveClusterFixture hive, IAddressable grain)
    {
        var grainId = grain.GetGrainId();
        var management = hive.Grains.GetGrain<IManagementGrain>(0);
        await hive.SiloGrains.GetGrain<IGrainManagementExtension>(grainId).DeactivateOnIdle();
        await HiveClusterFixture.Eventually(
            async () => !(await management.GetDetailedGrainStatistics()).Any(s => s.GrainId == grainId),
            $"{grainId} is deactivated");
    }

    /// <summary>Asserts that <paramref name="call"/> is rejected with <paramref name="code"/>; returns the error.</summary>
    public static async Task<HiveException> RejectedAsync(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HiveException>(call);
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }
}
