using System.Text.Json.Serialization;

namespace Hive.Console.Snapshots;

/// <summary>A memory value in a snapshot. The value is embedded as the JSON its author wrote, byte for byte.</summary>
internal sealed record MemoryRecord(
    string Namespace,
    string Channel,
    string Key,
    [property: JsonConverter(typeof(RawJsonConverter))] string Value,
    string Author,
    long Version,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpiresAt)
{
    public string Path => $"{Namespace}/{Channel}/{Key}";

    /// <summary>True when the value's time ran out by <paramref name="now"/>: an import skips it.</summary>
    public bool ExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;

    /// <summary>The time to live an import written at <paramref name="now"/> gives the value; null when it never expires.</summary>
    public TimeSpan? TimeToLiveAt(DateTimeOffset now) => ExpiresAt is { } expires ? expires - now : null;

    public static MemoryRecord From(MemoryEntry e) => new(e.Namespace, e.Channel, e.Key, e.Value, e.Author, e.Version, e.UpdatedAt, e.ExpiresAt);
}
