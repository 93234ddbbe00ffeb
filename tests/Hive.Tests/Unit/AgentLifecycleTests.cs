using Hive.Agents;
using Xunit;
using static Hive.Agents.AgentStatus;
using static Hive.Agents.AgentTrigger;
using static Hive.Tests.Unit.AgentCondition;

namespace Hive.Tests.Unit;

/// <summary>Which combinations of "holds a task" and "is draining" a row of the allowed table covers.</summary>
public enum AgentCondition
{
    Always,
    HoldingTask,
    NotHoldingTask,
    Draining,
    NotDraining,
    FreeAndNotDraining,
}

[Trait("Category", "Unit")]
public class AgentLifecycleTests
{
    private static readonly (AgentStatus From, AgentTrigger Trigger, AgentCondition When, AgentStatus To)[] Allowed =
    [
        (Offline, Register, Always, Registered),
        (Registered, Register, Always, Registered),
        (Ready, Register, Always, Ready),
        (Busy, Register, Always, Busy),
        (Unresponsive, Register, Always, Unresponsive),
        (Suspended, Register, Always, Suspended),

        (Registered, Heartbeat, Always, Ready),
        (Ready, Heartbeat, Always, Ready),
        (Busy, Heartbeat, Always, Busy),
        (Unresponsive, Heartbeat, HoldingTask, Busy),
        (Unresponsive, Heartbeat, NotHoldingTask, Ready),
        (Suspended, Heartbeat, Always, Suspended),

        (Registered, TaskAssigned, FreeAndNotDraining, Busy),
        (Ready, TaskAssigned, FreeAndNotDraining, Busy),

        (Registered, TaskReleased, Draining, Offline),
        (Ready, TaskReleased, Draining, Offline),
        (Busy, TaskReleased, Draining, Offline),
        (Unresponsive, TaskReleased, Draining, Offline),
        (Suspended, TaskReleased, Draining, Offline),
        (Offline, TaskReleased, Draining, Offline),
        (Registered, TaskReleased, NotDraining, Registered),
        (Ready, TaskReleased, NotDraining, Ready),
        (Busy, TaskReleased, NotDraining, Ready),
        (Unresponsive, TaskReleased, NotDraining, Unresponsive),
        (Suspended, TaskReleased, NotDraining, Suspended),
        (Offline, TaskReleased, NotDraining, Offline),

        (Registered, MissedHeartbeat, Always, Unresponsive),
        (Ready, MissedHeartbeat, Always, Unresponsive),
        (Busy, MissedHeartbeat, Always, Unresponsive),

        (Registered, Suspend, Always, Suspended),
        (Ready, Suspend, Always, Suspended),
        (Busy, Suspend, Always, Suspended),
        (Unresponsive, Suspend, Always, Suspended),

        (Suspended, Resume, HoldingTask, Busy),
        (Suspended, Resume, NotHoldingTask, Ready),

        (Registered, Deregister, HoldingTask, Registered),
        (Ready, Deregister, HoldingTask, Ready),
        (Busy, Deregister, HoldingTask, Busy),
        (Unresponsive, Deregister, HoldingTask, Unresponsive),
        (Suspended, Deregister, HoldingTask, Suspended),
        (Registered, Deregister, NotHoldingTask, Offline),
        (Ready, Deregister, NotHoldingTask, Offline),
        (Busy, Deregister, NotHoldingTask, Offline),
        (Unresponsive, Deregister, NotHoldingTask, Offline),
        (Suspended, Deregister, NotHoldingTask, Offline),
    ];

    private static readonly (bool HasTask, bool Draining)[] Situations =
        [(false, false), (false, true), (true, false), (true, true)];

    private static readonly AgentStatus[] WatchedStatuses = [Registered, Ready, Busy];

    public static TheoryData<AgentStatus, AgentTrigger, AgentCondition, AgentStatus> AllowedTransitions()
    {
        var data = new TheoryData<AgentStatus, AgentTrigger, AgentCondition, AgentStatus>();
        foreach (var row in Allowed)
        {
            data.Add(row.From, row.Trigger, row.When, row.To);
        }
        return data;
    }

    public static TheoryData<AgentStatus, AgentTrigger> AllCombinations()
    {
        var data = new TheoryData<AgentStatus, AgentTrigger>();
        foreach (var status in Enum.GetValues<AgentStatus>())
        {
            foreach (var trigger in Enum.GetValues<AgentTrigger>())
            {
                data.Add(status, trigger);
            }
        }
        return data;
    }

    public static TheoryData<AgentStatus> AllStatuses() => new(Enum.GetValues<AgentStatus>());

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Allowed_transition_leads_to_the_expected_status(AgentStatus from, AgentTrigger trigger, AgentCondition when, AgentStatus to)
    {
        foreach (var (hasTask, draining) in Situations.Where(s => Holds(when, s.HasTask, s.Draining)))
        {
            var result = AgentLifecycle.Transition(from, trigger, hasTask, draining);

            Assert.True(result.Allowed, $"hasTask: {hasTask}, draining: {draining}: {result.Error}");
            Assert.Equal(to, result.To);
            Assert.Null(result.Error);
        }
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Combination_outside_the_allowed_table_is_denied_with_a_reason(AgentStatus from, AgentTrigger trigger)
    {
        var violations = Situations
            .Where(s => !Allowed.Any(r => r.From == from && r.Trigger == trigger && Holds(r.When, s.HasTask, s.Draining)))
            .Select(s => (Situation: s, Result: AgentLifecycle.Transition(from, trigger, s.HasTask, s.Draining)))
            .Where(x => x.Result.Allowed || string.IsNullOrWhiteSpace(x.Result.Error))
            .Select(x => $"{x.Situation} gave {x.Result}");

        Assert.Empty(violations);
    }

    [Fact]
    public void Every_status_and_trigger_appears_in_the_allowed_table()
    {
        Assert.All(Enum.GetValues<AgentStatus>(), s => Assert.Contains(Allowed, r => r.From == s || r.To == s));
        Assert.All(Enum.GetValues<AgentTrigger>(), t => Assert.Contains(Allowed, r => r.Trigger == t));
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void Only_registered_ready_and_busy_agents_are_watched_for_missed_heartbeats(AgentStatus status)
    {
        Assert.Equal(WatchedStatuses.Contains(status), AgentLifecycle.IsWatched(status));
        Assert.Equal(AgentLifecycle.IsWatched(status), AgentLifecycle.Transition(status, MissedHeartbeat).Allowed);
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void A_restored_agent_is_watched_in_no_status_until_its_first_heartbeat(AgentStatus status)
    {
        Assert.False(AgentLifecycle.IsWatched(status, awaitingFirstHeartbeat: true));
        Assert.Equal(AgentLifecycle.IsWatched(status), AgentLifecycle.IsWatched(status, awaitingFirstHeartbeat: false));
    }

    [Fact]
    public void Unresponsive_agent_becomes_busy_on_heartbeat_when_it_holds_a_task() =>
        Assert.Equal(Busy, AgentLifecycle.Transition(Unresponsive, Heartbeat, hasTask: true).To);

    [Fact]
    public void Draining_agent_goes_offline_once_its_task_is_released() =>
        Assert.Equal(Offline, AgentLifecycle.Transition(Busy, TaskReleased, hasTask: true, draining: true).To);

    [Fact]
    public void Draining_agent_is_refused_a_task_because_it_is_draining()
    {
        var result = AgentLifecycle.Transition(Ready, TaskAssigned, draining: true);

        Assert.False(result.Allowed);
        Assert.Contains("draining", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deregistered_agent_keeps_its_status_while_it_still_holds_a_task() =>
        Assert.Equal(Busy, AgentLifecycle.Transition(Busy, Deregister, hasTask: true).To);

    [Fact]
    public void New_agent_starts_registered_and_watched()
    {
        Assert.Equal(Registered, AgentLifecycle.Initial);
        Assert.True(AgentLifecycle.IsWatched(AgentLifecycle.Initial));
    }

    [Fact]
    public void Offline_agent_registering_again_starts_where_a_new_one_does() =>
        Assert.Equal(AgentLifecycle.Initial, AgentLifecycle.Transition(Offline, Register).To);

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void Registering_again_changes_the_status_only_of_an_offline_agent(AgentStatus status)
    {
        foreach (var (hasTask, draining) in Situations)
        {
            var result = AgentLifecycle.Transition(status, Register, hasTask, draining);

            Assert.True(result.Allowed);
            Assert.Equal(status == Offline, result.To != status);
        }
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void Deregistering_an_agent_that_holds_a_task_keeps_its_status_so_it_can_drain(AgentStatus status)
    {
        var result = AgentLifecycle.Transition(status, Deregister, hasTask: true);

        if (result.Allowed) Assert.Equal(status, result.To);
        else Assert.Equal(Offline, status);
    }

    private static bool Holds(AgentCondition when, bool hasTask, bool draining) => when switch
    {
        Always => true,
        HoldingTask => hasTask,
        NotHoldingTask => !hasTask,
        Draining => draining,
        NotDraining => !draining,
        FreeAndNotDraining => !hasTask && !draining,
        _ => throw new ArgumentOutOfRangeException(nameof(when), when, null),
    };
}
