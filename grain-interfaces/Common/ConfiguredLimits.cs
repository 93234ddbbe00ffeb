namespace Hive.Common;

/// <summary>
/// The limits a hive holds input to that its configuration sets (the fixed ones are constants: <see cref="Limits"/> and
/// each area's own limits class). A client that checks a batch of writes before the first, such as an import, checks
/// them against these rather than against the defaults it was built with.
/// </summary>
/// <param name="MaxMemoryValueBytes">The largest memory value, in UTF-8 bytes of its JSON text (<c>Hive:Memory:MaxValueBytes</c>).</param>
[GenerateSerializer, Immutable, Alias("hive.configured-limits.v1")]
public sealed record ConfiguredLimits(
    [property: Id(0)] int MaxMemoryValueBytes);
