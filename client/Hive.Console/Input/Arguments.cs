using Hive.Console.Output;

namespace Hive.Console.Input;

/// <summary>Argument factories for the value kinds commands share, each with a parse error that says what to type.</summary>
internal static class Arguments
{
    /// <summary>An enum value as the console names it; anything else is a usage error before the hive is asked.</summary>
    public static Argument<T> Enum<T>(string name, string description) where T : struct, System.Enum => new(name)
    {
        Description = $"{description} ({string.Join(", ", Names.All<T>())}).",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
            if (Names.TryParse<T>(text, out var value)) return value;
            result.AddError($"'{text}' is not one of: {string.Join(", ", Names.All<T>())}.");
            return default;
        },
    };
}
