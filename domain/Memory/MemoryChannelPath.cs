namespace Hive.Memory;

/// <summary>A channel of a namespace. Its <see cref="Id"/> (<c>namespace/channel</c>) names its log and its catalog row.</summary>
public readonly record struct MemoryChannelPath(string Namespace, string Channel)
{
    public string Id => $"{Namespace}/{Channel}";

    public string GrainKey => GrainKeys.MemoryChannel(Namespace, Channel);

    public string Entity => "memory/" + Id;

    /// <summary>Reads <c>namespace/channel</c>; a <c>validation</c> error when either part is not a valid id.</summary>
    public static MemoryChannelPath Parse(string id)
    {
        var parts = id.Split('/');
        if (parts.Length != 2) throw HiveException.Validation($"'{HiveIds.Shorten(id)}' is not a memory channel; expected namespace/channel.");
        return new(HiveIds.Require(parts[0], "Namespace"), HiveIds.Require(parts[1], "Channel"));
    }
}
