namespace Hive.Common;

/// <summary>
/// Grain keys carry their kind as a prefix. That keeps two kinds with the same user id apart in
/// storage, and keeps a key from ever parsing as hexadecimal (the ADO.NET provider folds <c>c1</c>,
/// <c>C1</c> and <c>00c1</c> onto one row when a key is a hex number).
/// </summary>
public static class GrainKeys
{
    public static string Agent(string agentId) => "agent/" + agentId;
    public static string Task(string taskId) => "task/" + taskId;
    public static string RoleQueue(string role) => "role/" + role;
    public static string AgentQueue(string agentId) => "agent/" + agentId;
    public static string Inbox(string agentId) => "inbox/" + agentId;
    public static string Escalation(string escalationId) => "escalation/" + escalationId;

    /// <summary>A memory key. '/' never occurs in a valid id, so the three parts read back unambiguously.</summary>
    public static string MemoryKey(string ns, string channel, string key) => $"mem/{ns}/{channel}/{key}";

    public static string MemoryChannel(string ns, string channel) => $"chan/{ns}/{channel}";

    /// <summary>Returns the user id behind a prefixed key.</summary>
    public static string IdOf(string key) => key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
