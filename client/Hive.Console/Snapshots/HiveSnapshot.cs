namespace Hive.Console.Snapshots;

/// <summary>
/// A JSON backup of a hive: its agents, tasks (with prerequisites and where their lifecycle stood), memory values of the
/// listed namespaces, and escalations. <c>hive import</c> recreates it in another hive; see <see cref="SnapshotImporter"/>.
/// </summary>
internal sealed record HiveSnapshot(
    string Format,
    DateTimeOffset ExportedAt,
    SnapshotSource Source,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<AgentRecord> Agents,
    IReadOnlyList<TaskRecord> Tasks,
    IReadOnlyList<MemoryRecord> Memory,
    IReadOnlyList<EscalationRecord> Escalations)
{
    public const string CurrentFormat = "hive-snapshot/1";
}

/// <summary>Where a snapshot was taken.</summary>
internal sealed record SnapshotSource(IReadOnlyList<string> Gateways, string ClusterId, string ServiceId);
