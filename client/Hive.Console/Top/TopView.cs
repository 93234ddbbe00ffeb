using Hive.Health;
using Hive.Console.Output;
using Spectre.Console.Rendering;

namespace Hive.Console.Top;

/// <summary>
/// Draws a frame: a header, the service level and halt switch, then agents, tasks in flight and unresolved escalations,
/// each cut to the rows that fit.
/// </summary>
internal static class TopView
{
    public const string UnreachableText = "hive unreachable, retrying";

    public static IRenderable Render(TopFrame frame, string where, int rowsPerTable)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var header = new Markup($"[bold]hive top[/]  {Markup.Escape(where)}  {Formats.Time(frame.At)}  [dim](q or Ctrl+C to quit)[/]");
        if (!frame.Reachable)
            return new Rows(header, new Markup($"[red bold]{UnreachableText}[/]: {Markup.Escape(frame.Problem!)}"));
        return new Rows(
            header,
            HealthLine(frame.Health!),
            Titled($"Agents ({frame.Agents.Count})", AgentViews.List([.. frame.Agents.Take(rowsPerTable)])),
            Titled($"Tasks in flight ({frame.TasksInFlight.Count})", TaskViews.List([.. frame.TasksInFlight.Take(rowsPerTable)])),
            Titled($"Open escalations ({frame.OpenEscalations.Count})", EscalationViews.List([.. frame.OpenEscalations.Take(rowsPerTable)])));
    }

    /// <summary>The level in colour by how much it lets through; a halt in red, since it stops all task and memory changes.</summary>
    private static Markup HealthLine(HiveHealthStatus health)
    {
        var colour = health.Level switch
        {
            ServiceLevel.Full => "green",
            ServiceLevel.Reduced => "yellow",
            _ => "red",
        };
        var level = $"[{colour}]{Markup.Escape(HealthViews.LevelLine(health))}[/]";
        var halt = health.Halted ? $"[red bold]Halted: {Markup.Escape(HealthViews.Halted(health))}.[/]" : "Halted: no.";
        return new Markup($"{level}  {halt}");
    }

    private static Table Titled(string title, Table table) => table.Title(new TableTitle(title, new Style(decoration: Decoration.Bold)));
}
