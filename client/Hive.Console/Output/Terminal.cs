using Spectre.Console.Rendering;

namespace Hive.Console.Output;

/// <summary>
/// Standard output of a command. Tables go through Spectre (coloured only on a terminal); JSON and Markdown are
/// written to the underlying writer as they are, so no console width ever wraps what a script or a file reads.
/// </summary>
internal sealed class Terminal(IAnsiConsole console)
{
    public IAnsiConsole Console { get; } = console;

    public void Json<T>(T value) => Raw(ConsoleJson.Serialize(value));

    public void Raw(string text) => Console.Profile.Out.Writer.WriteLine(text);

    public void Write(IRenderable renderable) => Console.Write(renderable);

    public void Line(string text) => Console.WriteLine(text);

    /// <summary>A listing: a table for people, or <c>{"items":[…],"nextPageToken":…}</c> with <c>--json</c>.</summary>
    public void Page<T>(Page<T> page, bool json, Func<IReadOnlyList<T>, Table> table)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(table);
        if (json)
        {
            Json(new { items = page.Items, nextPageToken = page.NextPageToken });
            return;
        }
        Write(table(page.Items));
        if (page.NextPageToken is { } token) Line($"More: --page-token {token}");
    }

    /// <summary>A two-column table of one entity's fields.</summary>
    public static Table Fields(IEnumerable<(string Name, string Value)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("field").AddColumn("value");
        foreach (var (name, value) in rows) table.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value));
        return table;
    }

    /// <summary>A table whose cells are plain text (never markup), so ids and notes print as written.</summary>
    public static Table Grid(string[] headers, IEnumerable<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers) table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        foreach (var row in rows) table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        return table;
    }
}
