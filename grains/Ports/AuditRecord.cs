using Hive.Audit;

namespace Hive.Ports;

/// <summary>A stored audit event with its place in the trail (the sequence its store gave it), as a purge reads it.</summary>
public sealed record AuditRecord(long Sequence, AuditEvent Event);
