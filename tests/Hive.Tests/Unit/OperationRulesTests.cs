using System.Reflection;
using Xunit;
using static Hive.Health.OperationKind;
using static Hive.Health.ServiceLevel;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class OperationRulesTests
{
    /// <summary>Every (level, kind) pair a level accepts; every pair not listed must be refused.</summary>
    private static readonly HashSet<(ServiceLevel Level, OperationKind Kind)> Allowed =
    [
        (Full, Read), (Full, Heartbeat), (Full, TaskStatusUpdate), (Full, Escalation), (Full, OperatorCommand),
        (Full, TaskWrite), (Full, MemoryWrite), (Full, OperationKind.Message), (Full, Registration),

        (Reduced, Read), (Reduced, Heartbeat), (Reduced, TaskStatusUpdate), (Reduced, Escalation), (Reduced, OperatorCommand),
        (Reduced, TaskWrite), (Reduced, MemoryWrite), (Reduced, OperationKind.Message), (Reduced, Registration),

        (Essential, Read), (Essential, Heartbeat), (Essential, TaskStatusUpdate), (Essential, Escalation), (Essential, OperatorCommand),

        (Emergency, Read), (Emergency, Heartbeat), (Emergency, Escalation), (Emergency, OperatorCommand),
    ];

    public static TheoryData<ServiceLevel, OperationKind> EveryPair()
    {
        var data = new TheoryData<ServiceLevel, OperationKind>();
        foreach (var level in Enum.GetValues<ServiceLevel>())
        {
            foreach (var kind in Enum.GetValues<OperationKind>()) data.Add(level, kind);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void A_level_allows_exactly_the_operations_of_the_allowed_table(ServiceLevel level, OperationKind kind) =>
        Assert.Equal(Allowed.Contains((level, kind)), OperationRules.Allows(level, kind));

    [Fact]
    public void The_table_covers_every_level_and_kind() =>
        Assert.Equal(Enum.GetValues<ServiceLevel>().Length * Enum.GetValues<OperationKind>().Length, EveryPair().Count);

    [Fact]
    public void Each_worse_level_allows_a_subset_of_the_one_above()
    {
        var levels = Enum.GetValues<ServiceLevel>().Order().ToArray();
        foreach (var (better, worse) in levels.Zip(levels.Skip(1)))
        {
            Assert.All(Enum.GetValues<OperationKind>().Where(k => OperationRules.Allows(worse, k)),
                k => Assert.True(OperationRules.Allows(better, k), $"{worse} allows {k} but {better} does not"));
        }
    }

    [Fact]
    public void The_descriptions_say_what_each_degraded_level_still_accepts()
    {
        Assert.Equal("everything", OperationRules.Describe(Full));
        Assert.Contains("task status updates", OperationRules.Describe(Essential), StringComparison.Ordinal);
        Assert.DoesNotContain("task status updates", OperationRules.Describe(Emergency), StringComparison.Ordinal);
        foreach (var words in new[] { "reads", "heartbeats", "escalations", "operator commands" })
        {
            Assert.Contains(words, OperationRules.Describe(Essential), StringComparison.Ordinal);
            Assert.Contains(words, OperationRules.Describe(Emergency), StringComparison.Ordinal);
        }
    }

    public static TheoryData<OperationKind> EveryKind() => new(Enum.GetValues<OperationKind>());

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Only_task_and_memory_changes_stop_when_halted_by_default(OperationKind kind) =>
        Assert.Equal(kind is TaskWrite or TaskStatusUpdate or MemoryWrite, new OperationAttribute(kind).StopsWhenHalted);

    // ---- Every client-facing grain method declares its operation ----

    private static readonly Assembly GrainInterfaces = typeof(IHiveHealthGrain).Assembly;

    private static IEnumerable<(string Name, MethodInfo Method)> GrainMethods() =>
        GrainInterfaces.GetTypes()
            .Where(t => t.IsInterface && t.IsPublic && typeof(IGrain).IsAssignableFrom(t) && t.Namespace?.StartsWith("Hive", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => ($"{t.Name}.{m.Name}", m)));

    [Fact]
    public void The_grain_interfaces_assembly_is_the_one_searched()
    {
        Assert.Equal("Hive.GrainInterfaces", GrainInterfaces.GetName().Name);
        // Enough interfaces and methods that an empty search cannot pass the next tests by accident.
        Assert.True(GrainMethods().Select(m => m.Method.DeclaringType).Distinct().Count() >= 9);
        Assert.True(GrainMethods().Count() >= 50);
    }

    /// <summary>
    /// Clients reference the grain interfaces assembly, and the credential filter refuses a client's call to any method
    /// without [Operation]. So a method there without one is either unreachable or a gap: grain-to-grain methods
    /// belong on the grains' own internal interfaces instead.
    /// </summary>
    [Fact]
    public void Every_method_of_the_client_facing_grain_interfaces_declares_its_operation()
    {
        var undeclared = GrainMethods()
            .Where(m => m.Method.GetCustomAttribute<OperationAttribute>() is null)
            .Select(m => m.Name)
            .ToArray();

        Assert.True(undeclared.Length == 0,
            $"These client-facing grain methods have no [Operation]; declare one, or move them to an internal interface in the grains: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void No_grain_interface_of_the_client_facing_assembly_is_hidden_from_the_search()
    {
        var hidden = GrainInterfaces.GetTypes()
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t) && !t.IsPublic)
            .Select(t => t.Name)
            .ToArray();

        Assert.Empty(hidden);
    }

    public static TheoryData<string, OperationKind, bool> KeyOperations() => new()
    {
        { "ITaskGrain.Create", TaskWrite, true },
        { "ITaskGrain.Get", Read, false },
        { "ITaskGrain.ReportProgress", TaskStatusUpdate, true },
        { "ITaskGrain.Complete", TaskStatusUpdate, true },
        { "ITaskGrain.Cancel", OperatorCommand, true },
        { "ITaskGrain.Retry", OperatorCommand, true },
        { "IAgentGrain.Claim", TaskWrite, true },
        { "IAgentGrain.ClaimNext", TaskWrite, true },
        { "IAgentGrain.Heartbeat", Heartbeat, false },
        { "IAgentGrain.Register", Registration, false },
        { "IAgentGrain.Suspend", OperatorCommand, false },
        { "IMemoryKeyGrain.Put", MemoryWrite, true },
        { "IMemoryKeyGrain.Delete", MemoryWrite, true },
        { "IMemoryKeyGrain.Get", Read, false },
        { "IMessengerGrain.Send", OperationKind.Message, false },
        { "IInboxGrain.Ack", OperationKind.Message, false },
        { "IEscalationGrain.Raise", Escalation, false },
        { "IHiveHealthGrain.GetStatus", Read, false },
        { "IPingGrain.Ping", Read, false },
        { "IHiveHealthGrain.Unpin", OperatorCommand, false },
        { "IHiveHealthGrain.Resume", OperatorCommand, false },
    };

    [Theory]
    [MemberData(nameof(KeyOperations))]
    public void Key_methods_declare_the_operation_the_levels_and_the_halt_rely_on(string method, OperationKind kind, bool stopsWhenHalted)
    {
        var operation = Assert.Single(GrainMethods(), m => m.Name == method).Method.GetCustomAttribute<OperationAttribute>();

        Assert.NotNull(operation);
        Assert.Equal((kind, stopsWhenHalted), (operation.Kind, operation.StopsWhenHalted));
    }

    [Fact]
    public void Every_change_to_a_task_or_to_memory_stops_when_halted()
    {
        var changes = GrainMethods()
            .Where(m => m.Name.StartsWith("ITaskGrain.", StringComparison.Ordinal) || m.Name.StartsWith("IMemoryKeyGrain.", StringComparison.Ordinal))
            .Select(m => (m.Name, Operation: m.Method.GetCustomAttribute<OperationAttribute>()))
            .Where(m => m.Operation is { Kind: not Read })
            .ToArray();

        Assert.NotEmpty(changes);
        Assert.All(changes, m => Assert.True(m.Operation!.StopsWhenHalted, $"{m.Name} changes a task or memory but goes on while halted"));
    }
}
