namespace Hive.Chaos;

/// <summary>What one writer's verification found: acknowledged writes, the ones not read back, and double effects.</summary>
public sealed record Tally(int Acked, int Lost, int Duplicates, IReadOnlyList<string> Problems)
{
    public static Tally operator +(Tally a, Tally b) =>
        new(a.Acked + b.Acked, a.Lost + b.Lost, a.Duplicates + b.Duplicates, [.. a.Problems, .. b.Problems]);

    public static Tally Empty { get; } = new(0, 0, 0, []);
}
