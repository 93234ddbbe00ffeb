namespace Hive.Memory;

/// <summary>A key of a channel. Its <see cref="Id"/> (<c>namespace/channel/key</c>) names its catalog row.</summary>
public readonly record struct MemoryPath(MemoryChannelPath Channel, string Key)
{
    public string Id => $"{Channel.Id}/{Key}";

    public string GrainKey => GrainKeys.MemoryKey(Channel.Namespace, Channel.Channel, Key);

    public string Entity => "memory/" + Id;

    /// <summary>Reads <c>namespace/channel/key</c>; a <c>validation</c> error when a part is not a valid id.</summary>
    public static MemoryPath Parse(string id)
    {
        var slash = id.LastIndexOf('/');
        if (slash < 0) throw HiveException.Validation($"'{HiveIds.Shorten(id)}' is not a memory key; expected namespace/channel/key.");
        return new(MemoryChannelPath.Parse(id[..slash]), HiveIds.Require(id[(slash + 1)..], "Key"));
    }
}
