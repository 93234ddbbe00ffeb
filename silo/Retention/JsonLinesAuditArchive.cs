using System.Text.Json;

namespace Hive.Silo.Retention;

/// <summary>
/// Keeps purged audit events as JSON lines, one file per batch (<c>audit-&lt;UTC time&gt;-&lt;first seq&gt;-&lt;last seq&gt;.jsonl</c>),
/// one event per line with its sequence number. A file is written under a <c>.partial</c> name, flushed to disk, then
/// renamed: a reader never sees half a batch, and a crash before the rename leaves the events in the database too.
/// </summary>
public sealed class JsonLinesAuditArchive(string directory, TimeProvider time) : IAuditArchive
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The directory, made absolute against the working directory the silo started in.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task KeepAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"audit-{time.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}-{records.Min(r => r.Sequence)}-{records.Max(r => r.Sequence)}.jsonl";
        var path = Path.Combine(Directory, name);
        var partial = path + ".partial";
        // CreateNew: an earlier file of the same name (a sequence restarted in memory mode) is never overwritten.
        await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
        {
            foreach (var record in records.OrderBy(r => r.Sequence))
            {
                await JsonSerializer.SerializeAsync(file, ExportedAuditEvent.Of(record), Json, cancellationToken);
                file.WriteByte((byte)'\n');
            }
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }
        File.Move(partial, path);
    }
}
