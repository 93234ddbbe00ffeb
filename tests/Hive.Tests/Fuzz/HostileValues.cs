using System.Text;

namespace Hive.Tests.Fuzz;

/// <summary>
/// Values a misbehaving caller sends, drawn from one seeded <see cref="Random"/> so a failing run repeats exactly. Most
/// draws pick from a small pool of well-formed ids, so calls meet each other's entities and walk the state machines;
/// the rest are hostile.
/// </summary>
internal sealed class HostileValues(int seed)
{
    private static readonly string[] Nasty =
    [
        "", " ", "\0", "a\0b", "\uD800", "x\uDC00y", "\u202Eevil", "zero\u200Bwidth", "\uFEFF", "../../etc/passwd", "C:\\Windows",
        "0xdeadbeef", "%00", "null", "undefined", "NaN", "-1", "9223372036854775808", "<script>", "'; DROP TABLE hive_audit; --",
        "emoji-\U0001F41D", "agent:", "operator:", "operator:nobody", "hive", "task/", "{\"a\":", "[]", "{}", "\"\"", "\t\r\n",
        "ＡＢＣ", "İ", "ß", "a.b.c", "a:b", "_x", "-x", ".", "..",
    ];

    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    public bool Chance(double p) => _random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>An id: usually one of <paramref name="pool"/>, sometimes hostile.</summary>
    public string Id(IReadOnlyList<string> pool) => Chance(0.8) ? Pick(pool) : Text();

    public string? OptionalId(IReadOnlyList<string> pool) => Chance(0.15) ? null : Id(pool);

    /// <summary>Text of any shape: short and plain, nasty, very long, or random code units (lone surrogates included).</summary>
    public string Text() => _random.Next(6) switch
    {
        0 => "plain text " + _random.Next(1000),
        1 => Pick(Nasty),
        2 => new string('x', Chance(0.05) ? _random.Next(100_000, 200_000) : _random.Next(129, 20_000)),
        3 => RandomUnits(_random.Next(1, 64)),
        4 => string.Concat(Enumerable.Repeat("ab", _random.Next(60, 70))),   // just over the 128-character id limit
        _ => "note-" + _random.Next(100),
    };

    public string? OptionalText() => Chance(0.2) ? null : Text();

    /// <summary>A JSON value: usually valid, sometimes invalid, deeply nested, huge, or not JSON at all.</summary>
    public string Json() => _random.Next(7) switch
    {
        0 => "{\"status\":\"ok\",\"n\":" + _random.Next() + "}",
        1 => "\"" + _random.Next() + "\"",
        2 => new string('[', 5000) + new string(']', 5000),
        3 => "{\"a\":" + new string('x', _random.Next(60_000, 80_000)) + "}",
        4 => "{\"big\":\"" + new string('y', _random.Next(60_000, 70_000)) + "\"}",
        5 => Text(),
        _ => "[1,2,3]",
    };

    public int Int() => _random.Next(5) switch
    {
        0 => int.MinValue,
        1 => int.MaxValue,
        2 => -_random.Next(1000),
        _ => _random.Next(0, 120),
    };

    public double Double() => _random.Next(6) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => -1,
        3 => double.MaxValue,
        _ => _random.NextDouble(),
    };

    public TimeSpan? Span() => _random.Next(6) switch
    {
        0 => null,
        1 => TimeSpan.Zero,
        2 => TimeSpan.FromTicks(-_random.Next(1, 1_000_000)),
        3 => TimeSpan.MaxValue,
        4 => TimeSpan.FromDays(_random.Next(1, 400)),
        _ => TimeSpan.FromSeconds(_random.Next(1, 600)),
    };

    public long? Version() => _random.Next(5) switch
    {
        0 => null,
        1 => long.MinValue,
        2 => long.MaxValue,
        _ => _random.Next(-2, 6),
    };

    public TEnum Enum<TEnum>() where TEnum : struct, Enum =>
        Chance(0.1) ? (TEnum)(object)_random.Next(-5, 50) : Pick(System.Enum.GetValues<TEnum>());

    /// <summary>A list: empty, null, a few items, or a huge one.</summary>
    public IReadOnlyList<string>? List(Func<string> item) => _random.Next(6) switch
    {
        0 => null,
        1 => [],
        2 => Enumerable.Range(0, _random.Next(200, 2000)).Select(_ => item()).ToArray(),
        _ => Enumerable.Range(0, _random.Next(1, 4)).Select(_ => item()).ToArray(),
    };

    private string RandomUnits(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append((char)_random.Next(0, 0x10000));
        return text.ToString();
    }
}
