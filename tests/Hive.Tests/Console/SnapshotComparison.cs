using System.Text.Json.Nodes;

namespace Hive.Tests.Console;

/// <summary>
/// A snapshot with the fields a round trip cannot keep equal taken out, each for a stated reason:
/// <list type="bullet">
/// <item>exportedAt, source: when and where a snapshot was taken.</item>
/// <item>agents: registeredAt, lastHeartbeat, load, and liveness. The new hive has not heard from an agent, so one that
/// was ready, registered or unresponsive is imported as registered (until it heartbeats) and the reason its liveness
/// status carried goes with it; busy, suspended, offline and draining are operator or task facts and are kept.</item>
/// <item>tasks: updatedAt, the time of the last write, which the restore is.</item>
/// <item>memory: version and updatedAt (a value's history stays behind; it is written once, here), and expiresAt, which
/// is re-derived from the time to live left when the import writes it.</item>
/// <item>escalations: raisedAt, updatedAt and acknowledgeBy (the lifecycle is replayed now, and the acknowledgement
/// deadline starts again), and severity with missedDeadlines (a tier raised by a missed deadline is not replayed).</item>
/// </list>
/// </summary>
internal static class SnapshotComparison
{
    public static string Comparable(string snapshotJson)
    {
        var root = JsonNode.Parse(snapshotJson)!.AsObject();
        root.Remove("exportedAt");
        root.Remove("source");
        foreach (var agent in Items(root, "agents"))
        {
            Remove(agent, "registeredAt", "lastHeartbeat", "load");
            var status = agent["status"]!.GetValue<string>();
            if (status is "ready" or "registered" or "unresponsive")
            {
                agent["status"] = "registered";
                agent["statusReason"] = null;
            }
        }
        foreach (var task in Items(root, "tasks")) Remove(task, "updatedAt");
        foreach (var value in Items(root, "memory")) Remove(value, "version", "updatedAt", "expiresAt");
        foreach (var escalation in Items(root, "escalations")) Remove(escalation, "raisedAt", "updatedAt", "acknowledgeBy", "severity", "missedDeadlines");
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static IEnumerable<JsonObject> Items(JsonObject root, string name) => root[name]!.AsArray().Select(n => n!.AsObject());

    private static void Remove(JsonObject node, params string[] names)
    {
        foreach (var name in names) node.Remove(name);
    }
}
