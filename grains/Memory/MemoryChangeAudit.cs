using System.Globalization;
using Hive.Audit;

namespace Hive.Memory;

/// <summary>The audit event of a memory change: who, which key, put/delete/expire, and the key's version before and after.</summary>
internal static class MemoryChangeAudit
{
    public static AuditEvent From(MemoryPath path, MemoryChange change, long previousVersion) => new(
        change.At,
        change.Author,
        path.Entity,
        change.Kind.ToString().ToLowerInvariant(),
        previousVersion.ToString(CultureInfo.InvariantCulture),
        change.Version.ToString(CultureInfo.InvariantCulture),
        $"revision {change.Revision.ToString(CultureInfo.InvariantCulture)}");
}
