using System.Security.Cryptography;
using System.Text;

namespace Hive.Escalations;

/// <summary>
/// The keys of the alerts the hive raises by itself, one kind per prefix. Their escalations
/// (<see cref="EscalationIdFor"/>) make up a reserved namespace: only the hive raises an escalation
/// there, so no caller can fake, or pre-empt, an unresponsive-agent, overdue-task, service-level or halt alert.
/// </summary>
public static class AlertKeys
{
    private const string ServiceLevelKind = "service-level/";
    private const string HaltedKind = "halted/";

    public const string ServiceLevel = ServiceLevelKind + "hive";
    public const string Halted = HaltedKind + "hive";

    public static string AgentUnresponsive(string agentId) => "agent-unresponsive/" + agentId;

    public static string TaskOverdue(string taskId) => "task-overdue/" + taskId;

    private static readonly string[] ReservedPrefixes =
        [.. new[] { AgentUnresponsive(""), TaskOverdue(""), ServiceLevelKind, HaltedKind }.Select(EscalationIdFor)];

    /// <summary>True when <paramref name="escalationId"/> lies in the hive's own namespace (in any letter case, so no look-alike either).</summary>
    public static bool IsReserved(string escalationId) =>
        ReservedPrefixes.Any(prefix => escalationId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>A stable escalation id for an alert key; long keys keep a readable prefix and a hash so they stay unique.</summary>
    public static string EscalationIdFor(string alertKey)
    {
        var id = alertKey.Replace('/', '.');
        if (id.Length <= HiveIds.MaxLength) return id;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alertKey)))[..16];
        return string.Concat(id.AsSpan(0, HiveIds.MaxLength - hash.Length - 1), "-", hash);
    }
}
