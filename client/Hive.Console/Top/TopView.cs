using Hive.Console.Output;
using Spectre.Console.Rendering;

namespace Hive.Console.Top;

/// <summary>Draws a frame: a header, then agents, tasks in flight and unresolved escalations, each cut to the rows that fit.</summary>
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
            Titled($"Agents ({frame.Agents.Count})", AgentViews.List([.. frame.Agents.Take(rowsPerTable)])),
            Titled($"Tasks in flight ({frame.TasksInFlight.Count})", TaskViews.List([.. frame.TasksInFlight.Take(rowsPerTable)])),
            Titled($"Open escalations ({frame.OpenEscalations.Count})", EscalationViews.List([.. frame.OpenEscalations.Take(rowsPerTable)])));
    }

    private static Table Titled(string title, Table table) => table.Title(new TableTitle(title, new Style(decoration: Decoration.Bold)));
}
