using Hive.Agents;
using Hive.Escalations;
using Hive.Memory;
using Hive.Messaging;
using Hive.Tasks;

namespace Hive.Security;

/// <summary>
/// Whether a grain's key is one <see cref="GrainKeys"/> makes for its kind: the kind's prefix and a valid id, or key 0
/// for a singleton. A client that names any other key (a wrong prefix, an oversized id, another singleton) is refused by
/// <see cref="CredentialFilter"/> before the call runs, so it cannot create state, rows or timers the hive never would.
/// </summary>
internal static class GrainKeyRules
{
    /// <summary>
    /// Null when the key is the hive's own. Otherwise <c>forbidden</c> for another singleton key (no caller may make a
    /// second one), or <c>validation</c> for a key whose id the hive would refuse anyway.
    /// </summary>
    public static HiveException? Refusal(IAddressable grain)
    {
        var kind = grain.GetType().Name;
        if (grain is IGrainWithIntegerKey)
            return SingletonKey.IsOwn(grain) ? null : HiveException.Forbidden($"{kind} is one of a kind: it answers key {SingletonKey.Value} only.");
        var key = grain.GetPrimaryKeyString();
        var made = grain switch
        {
            AgentGrain => Makes(key, GrainKeys.Agent),
            TaskGrain => Makes(key, GrainKeys.Task),
            InboxGrain => Makes(key, GrainKeys.Inbox),
            EscalationGrain => Makes(key, GrainKeys.Escalation),
            ReadyQueueGrain => Makes(key, GrainKeys.RoleQueue) || Makes(key, GrainKeys.AgentQueue),
            MemoryKeyGrain => Parses(key, id => MemoryPath.Parse(id).GrainKey),
            MemoryChannelGrain => Parses(key, id => MemoryChannelPath.Parse(id).GrainKey),
            _ => false,
        };
        return made ? null : HiveException.Validation($"'{HiveIds.Shorten(key)}' is not a key the hive makes for a {kind}.");
    }

    private static bool Makes(string key, Func<string, string> make)
    {
        var id = GrainKeys.IdOf(key);
        return HiveIds.IsValid(id) && make(id) == key;
    }

    private static bool Parses(string key, Func<string, string> keyOf)
    {
        try
        {
            return keyOf(GrainKeys.IdOf(key)) == key;
        }
        catch (HiveException)
        {
            return false;
        }
    }
}
