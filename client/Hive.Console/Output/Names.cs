using System.Text.Json;

namespace Hive.Console.Output;

/// <summary>Enum values as the console shows and accepts them: <c>in-progress</c>, also <c>InProgress</c> or <c>in_progress</c>.</summary>
internal static class Names
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var plain = (text ?? "").Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse(plain, ignoreCase: true, out value) && Enum.IsDefined(value) && !plain.All(char.IsAsciiDigit);
    }

    public static IEnumerable<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Of);
}
