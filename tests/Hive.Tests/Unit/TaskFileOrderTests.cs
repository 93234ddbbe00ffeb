using Hive.Console.Cli;
using Hive.Console.Commands;

namespace Hive.Tests.Unit;

/// <summary>
/// The order task files and imports are written in: prerequisites first, depth first in list order, prerequisites in
/// the order a task names them. Cycles are refused; prerequisites outside the list are left to the hive.
/// </summary>
[Trait("Category", "Unit")]
public class TaskFileOrderTests
{
    private static TaskSpec Task(string id, params string[] prerequisites) => new(id, "Task " + id, "chore", PrimaryRole: "builder", Prerequisites: prerequisites);

    public static TheoryData<TaskSpec[], string[]> Orders => new()
    {
        { [Task("c", "a", "b"), Task("b", "a"), Task("a")], ["a", "b", "c"] },
        { [Task("d", "b", "c"), Task("c", "a"), Task("b", "a"), Task("a"), Task("e")], ["a", "b", "c", "d", "e"] },
        // A task's own prerequisites keep the order it names them in, not the list's.
        { [Task("x", "z", "y"), Task("y"), Task("z")], ["z", "y", "x"] },
        { [Task("p"), Task("q", "p"), Task("r")], ["p", "q", "r"] },
        { [Task("m", "outside")], ["m"] },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void Tasks_come_prerequisites_first_in_the_order_they_always_have(TaskSpec[] specs, string[] expected) =>
        Assert.Equal(expected, TaskFile.InDependencyOrder(specs).Select(s => s.Id));

    [Theory]
    [InlineData("a -> b -> a", new[] { "a:b", "b:a" })]
    [InlineData("a -> b -> c -> a", new[] { "s:", "a:b", "b:c", "c:a" })]
    public void A_cycle_is_refused_naming_it(string cycle, string[] tasks)
    {
        var specs = tasks.Select(t => t.Split(':')).Select(p => Task(p[0], p[1].Length == 0 ? [] : [p[1]])).ToArray();

        var error = Assert.Throws<UsageException>(() => TaskFile.InDependencyOrder(specs));

        Assert.Equal($"The prerequisites form a cycle: {cycle}.", error.Message);
    }

    [Fact]
    public void A_chain_of_a_hundred_thousand_tasks_listed_last_first_is_ordered_without_running_out_of_stack()
    {
        const int length = 100_000;
        var ids = Enumerable.Range(0, length).Select(i => $"t{i}").ToArray();
        var specs = ids.Select((id, i) => i == 0 ? Task(id) : Task(id, ids[i - 1])).Reverse().ToArray();

        var ordered = TaskFile.InDependencyOrder(specs);

        Assert.Equal(ids, ordered.Select(s => s.Id));
    }
}
