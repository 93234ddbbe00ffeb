namespace Hive.Common;

/// <summary>
/// Every grain with an integer key is one of a kind (health, revocations, the sweeper, retention, queries, the
/// messenger, ping) and answers key 0 only. A grain made under any other key is a forgery: it must not start the
/// singleton's timers or queries, and the credential filter refuses its calls.
/// </summary>
public static class SingletonKey
{
    public const long Value = 0;

    public static bool IsOwn(IAddressable grain) => grain.GetPrimaryKeyLong(out var extension) == Value && extension is null;
}
