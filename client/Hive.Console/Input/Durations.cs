using System.Globalization;
using System.Text.RegularExpressions;

namespace Hive.Console.Input;

/// <summary>Durations as people type them: <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>2d</c>, or <c>00:10:00</c>.</summary>
internal static partial class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (text.Contains(':', StringComparison.Ordinal)) return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
        var match = Units().Match(text.Trim());
        if (!match.Success) return false;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var value = double.Parse(part.Value[..^1], CultureInfo.InvariantCulture);
            duration += part.Value[^1] switch
            {
                'd' => TimeSpan.FromDays(value),
                'h' => TimeSpan.FromHours(value),
                'm' => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromSeconds(value),
            };
        }
        return duration > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?[dhms])+$")]
    private static partial Regex Units();
}
