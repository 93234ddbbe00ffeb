using Hive.Console.Output;

namespace Hive.Console.Input;

/// <summary>Option factories for the value kinds commands share, each with a parse error that says what to type.</summary>
internal static class Options
{
    public static Option<bool> Json() => new("--json") { Description = "Print JSON for scripts instead of a table." };

    public static Option<T?> Enum<T>(string name, string description) where T : struct, System.Enum
    {
        var option = new Option<T?>(name)
        {
            Description = $"{description} ({string.Join(", ", Names.All<T>())}).",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
                if (Names.TryParse<T>(text, out var value)) return value;
                result.AddError($"'{text}' is not one of: {string.Join(", ", Names.All<T>())}.");
                return null;
            },
        };
        return option;
    }

    public static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description + " (90s, 10m, 1h30m, 2d or hh:mm:ss).",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
            if (Durations.TryParse(text, out var duration)) return duration;
            result.AddError($"'{text}' is not a duration; write 90s, 10m, 1h30m, 2d or hh:mm:ss.");
            return null;
        },
    };

    /// <summary>A point in time; relative values are measured from when the command parses, on the environment's clock.</summary>
    public static Option<DateTimeOffset?> Time(string name, string description, TimeProvider clock) => new(name)
    {
        Description = description + " (ISO 8601 such as 2026-01-01T10:00Z, a duration ago such as 2h, or now).",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
            if (Times.TryParse(text, clock.GetUtcNow(), out var at)) return at;
            result.AddError($"'{text}' is not a time; write 2026-01-01T10:00Z, 2h (two hours ago) or now.");
            return null;
        },
    };

    public static Option<string[]> List(string name, string description) => new(name)
    {
        Description = description + " (repeat the option or separate values with commas).",
        CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
    };
}
