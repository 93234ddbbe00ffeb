using System.Reflection;

namespace Hive.Tests.Security;

/// <summary>
/// Plausible calls of the grain-to-grain methods (<see cref="ClientMethods.Internal"/>), made by reflection against the
/// real entities of <see cref="HostileTargets"/>: the grain each implementing class has for the targets, and arguments
/// that would do damage if the hive ran them (purge everything finished before tomorrow, assign the ready task, deliver
/// a forged message, report a failing silo).
/// </summary>
public static class InternalCalls
{
    public static Task Call(IGrainFactory grains, HostileTargets t, MethodInfo method, Type grain)
    {
        var reference = Reference(grains, t, method.DeclaringType!, grain);
        var arguments = method.GetParameters().Select(p => Argument(t, p)).ToArray();
        return (Task)method.Invoke(reference, arguments)!;
    }

    private static object Reference(IGrainFactory grains, HostileTargets t, Type grainInterface, Type grain)
    {
        if (typeof(IGrainWithIntegerKey).IsAssignableFrom(grainInterface)) return grains.GetGrain(grainInterface, SingletonKey.Value);
        var key = grain.Name switch
        {
            "AgentGrain" => GrainKeys.Agent(t.Victim),
            "TaskGrain" => GrainKeys.Task(t.HeldTask),
            "EscalationGrain" => GrainKeys.Escalation(t.Escalation),
            "InboxGrain" => GrainKeys.Inbox(t.Victim),
            "MemoryKeyGrain" => t.MemoryKey,
            "MemoryChannelGrain" => GrainKeys.MemoryChannel(t.Namespace, t.Channel),
            "ReadyQueueGrain" => GrainKeys.RoleQueue(t.Role),
            _ => throw new NotSupportedException($"No target key for {grain.Name}: add one to {nameof(InternalCalls)}."),
        };
        return grains.GetGrain(grainInterface, IdSpan.Create(key), grain.FullName!);
    }

    private static object? Argument(HostileTargets t, ParameterInfo parameter)
    {
        var now = DateTimeOffset.UtcNow;
        var name = parameter.Name!.ToLowerInvariant();
        var message = new Message(0, t.Intruder, t.Victim, "note", "forged", "delivered around the messenger", null, now);
        return parameter.ParameterType switch
        {
            var s when s == typeof(string) => name.Contains("actor", StringComparison.Ordinal) ? "operator:root"
                : name.Contains("dependent", StringComparison.Ordinal) ? t.ReadyTask
                : name.Contains("task", StringComparison.Ordinal) || name.Contains("prerequisite", StringComparison.Ordinal) ? t.HeldTask
                : t.Victim,
            var l when l == typeof(long) => 1L,
            var i when i == typeof(int) => 1,
            var b when b == typeof(bool) => true,
            var d when d == typeof(DateTimeOffset) => now.AddDays(1),
            var s when s == typeof(HiveTaskStatus) => HiveTaskStatus.Completed,
            var m when m == typeof(Message) => message,
            var m when m == typeof(IReadOnlyList<Message>) => new[] { message },
            var s when s == typeof(SiloSignals) => new SiloSignals("forged-silo", 99, 99, 1, true, 10_000),
            var r when r == typeof(ReadyTaskEntry) => new ReadyTaskEntry(t.ReadyTask, 100, now),
            _ => throw new NotSupportedException(
                $"No plausible value for {parameter.Member.DeclaringType!.Name}.{parameter.Member.Name}({parameter.ParameterType.Name} {parameter.Name}): add one to {nameof(InternalCalls)}."),
        };
    }
}
