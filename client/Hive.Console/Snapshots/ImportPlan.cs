namespace Hive.Console.Snapshots;

/// <summary>What an import will write, decided (and checked in full) before the first write.</summary>
internal sealed record ImportPlan(
    IReadOnlyList<AgentRecord> NewAgents,
    IReadOnlyList<AgentRecord> UpdatedAgents,
    IReadOnlyList<TaskRecord> NewTasks,
    IReadOnlyList<string> KeptTasks,
    IReadOnlyList<MemoryRecord> Memory,
    IReadOnlyList<string> ExpiredMemory,
    IReadOnlyList<EscalationRecord> NewEscalations,
    IReadOnlyList<string> KeptEscalations,
    IReadOnlyList<string> LeftOutAlerts,
    IReadOnlyList<string> Existing)
{
    public int Writes => NewAgents.Count + UpdatedAgents.Count + NewTasks.Count + Memory.Count + NewEscalations.Count;
}
