using System.Globalization;
using System.Text.Json;

namespace Hive.Console.Output;

/// <summary>Memory namespaces, channels, keys and values as tables and lines.</summary>
internal static class MemoryViews
{
    public static Table Namespaces(IReadOnlyList<string> names) => Terminal.Grid(["NAMESPACE"], names.Select(n => new[] { n }));

    public static Table Channels(IReadOnlyList<MemoryChannelSummary> channels) =>
        Terminal.Grid(["NAMESPACE", "CHANNEL"], channels.Select(c => new[] { c.Namespace, c.Channel }));

    public static Table Keys(IReadOnlyList<MemoryKeySummary> keys) => Terminal.Grid(
        ["KEY", "VERSION", "AUTHOR", "UPDATED", "EXPIRES"],
        keys.Select(k => new[] { k.Key, k.Version.ToString(CultureInfo.InvariantCulture), k.Author, Formats.Time(k.UpdatedAt), Formats.Time(k.ExpiresAt) }));

    public static Table Entry(MemoryEntry entry) => Terminal.Fields(
    [
        ("key", $"{entry.Namespace}/{entry.Channel}/{entry.Key}"),
        ("version", entry.Version.ToString(CultureInfo.InvariantCulture)),
        ("author", entry.Author),
        ("updated", Formats.Time(entry.UpdatedAt)),
        ("expires", Formats.Time(entry.ExpiresAt)),
        ("revision", entry.Revision.ToString(CultureInfo.InvariantCulture)),
        ("value", Pretty(entry.Value)),
    ]);

    /// <summary>An entry for scripts: the value is embedded as JSON, not as a string holding JSON.</summary>
    public static object Json(MemoryEntry entry) => new
    {
        @namespace = entry.Namespace,
        channel = entry.Channel,
        key = entry.Key,
        value = JsonDocument.Parse(entry.Value).RootElement,
        version = entry.Version,
        author = entry.Author,
        updatedAt = entry.UpdatedAt,
        expiresAt = entry.ExpiresAt,
        revision = entry.Revision,
    };

    public static string Pretty(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, ConsoleJson.Options);
    }

    /// <summary>One line per watch event: <c>r12 put circuit_breaker_status v3 by reliability-1: {…}</c>.</summary>
    public static string WatchLine(MemoryWatchEvent e) => e.Change is { } c
        ? $"r{c.Revision} {Names.Of(c.Kind)} {c.Key} v{c.Version} by {c.Author} at {Formats.Time(c.At)}{(c.Value is null ? "" : ": " + c.Value)}"
        : $"r{e.Revision} compacted: changes before this revision are gone from the log; re-read the keys you depend on";
}
