using Hive.Audit;

namespace Hive.Chaos;

/// <summary>
/// Carries one task after another through create, claim (by the writer's own agent) and complete.
/// <para>
/// A step that fails ambiguously is retried so that a retry cannot do the work twice: create with the same spec
/// is a no-op; claim and complete are refused with invalid-transition once they happened, and the writer then reads
/// the task to learn that its earlier attempt did land. Such a step was not acknowledged, so it is not counted as
/// acknowledged; and since no retry can move a task again, a task assigned twice or completed twice is a real
/// duplicate, found in its attempt count and in the audit trail.
/// </para>
/// </summary>
public sealed class TaskWriter(HiveClient hive, CallLog log, string runId, int index) : Writer(hive, log, runId, index)
{
    private readonly Dictionary<string, List<TaskStep>> _acked = new(StringComparer.Ordinal);
    private readonly List<string> _touched = [];

    private string Agent => Name("agent");

    protected override IEnumerable<string> Agents => [Agent];

    public override CallKind Kind => CallKind.Task;

    public override async Task RunAsync(CancellationToken stop)
    {
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var id = $"{Agent}-{n}";
            _touched.Add(id);
            _ = await StepAsync(id, TaskStep.Created, stop) && await StepAsync(id, TaskStep.Claimed, stop) && await StepAsync(id, TaskStep.Completed, stop);
        }
    }

    /// <summary>
    /// Cancels the task the stop left half done (it would hold the agent), then takes the agent offline. A task the
    /// agent still holds may also be one that completed while its release did not reach the agent (the task's outbox
    /// delivers it later); that one is left alone.
    /// </summary>
    public override async Task RetireAsync(Patiently patiently, CancellationToken cancellationToken)
    {
        var agent = await patiently.ReadAsync(() => Hive.Agents.GetAsync(Agent), cancellationToken);
        if (agent.CurrentTaskId is { } held)
        {
            try
            {
                await patiently.ReadAsync(() => Hive.Tasks.CancelAsync(held, Agent, "the chaos run is over"), cancellationToken);
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.InvalidTransition)
            {
                // Already finished; its outbox releases the agent.
            }
        }
        await base.RetireAsync(patiently, cancellationToken);
    }

    /// <summary>Retries the step until it is acknowledged or observed done; false when the run stopped first.</summary>
    private async Task<bool> StepAsync(string id, TaskStep step, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Log.TimeAsync(CallKind.Task, () => CallAsync(id, step));
                if (!_acked.TryGetValue(id, out var steps)) _acked[id] = steps = [];
                steps.Add(step);
                return true;
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.InvalidTransition)
            {
                // Already done by an attempt whose answer was lost, or (on claim) the agent still holds its last task.
                if (await Quietly(() => Hive.Tasks.GetAsync(id)) is { } task && Reached(task, step)) return true;
                await PauseAsync(stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await PauseAsync(stop);
            }
        }
        return false;
    }

    private Task<TaskInfo> CallAsync(string id, TaskStep step) => step switch
    {
        TaskStep.Created => Hive.Tasks.CreateAsync(new TaskSpec(id, "Chaos task", "chaos", PrimaryAgent: Agent), Agent),
        TaskStep.Claimed => Hive.Agents.ClaimAsync(Agent, id),
        _ => Hive.Tasks.CompleteAsync(id, Agent, "done"),
    };

    private bool Reached(TaskInfo task, TaskStep step) => step switch
    {
        TaskStep.Created => true,
        TaskStep.Claimed => task.AssignedAgent == Agent && task.Status is HiveTaskStatus.Assigned or HiveTaskStatus.InProgress or HiveTaskStatus.Completed,
        _ => task.Status == HiveTaskStatus.Completed,
    };

    public override async Task<Tally> VerifyAsync(Patiently patiently, CancellationToken cancellationToken)
    {
        var completions = await CompletionsAsync(patiently, cancellationToken);
        var tally = Tally.Empty;
        foreach (var id in _touched)
        {
            var acked = _acked.GetValueOrDefault(id) ?? [];
            TaskInfo? task;
            try
            {
                task = await patiently.ReadAsync(() => Hive.Tasks.GetAsync(id), cancellationToken);
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
            {
                task = null;
            }
            var lost = acked.Count(step => task is null || !Reached(task, step));
            var twice = task is { Attempts: > 1 } || completions.GetValueOrDefault($"task/{id}") > 1 ? 1 : 0;
            tally += new Tally(acked.Count, lost, twice, lost + twice == 0 ? []
                : [$"task {id}: acknowledged {string.Join(", ", acked)}, reads {task?.Status.ToString() ?? "missing"} (attempts {task?.Attempts}), completed {completions.GetValueOrDefault($"task/{id}")} times in the audit trail"]);
        }
        return tally;
    }

    /// <summary>How often each task of this writer's agent was completed, by the audit trail (one read of the agent's events).</summary>
    private async Task<Dictionary<string, int>> CompletionsAsync(Patiently patiently, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var query = new AuditQuery(Actor: Agent, PageSize: Limits.MaxPageSize, PageToken: token);
            var page = await patiently.ReadAsync(() => Hive.Audit.QueryAsync(query), cancellationToken);
            foreach (var e in page.Items.Where(e => e.Action == "completed")) counts[e.Entity] = counts.GetValueOrDefault(e.Entity) + 1;
            token = page.NextPageToken;
        }
        while (token is not null);
        return counts;
    }

    private static async Task<T?> Quietly<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}
