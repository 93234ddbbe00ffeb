using System.Globalization;

namespace Hive.Console.Input;

/// <summary>Points in time for filters: ISO 8601 (<c>2026-01-01T10:00Z</c>), a duration ago (<c>2h</c>), or <c>now</c>.</summary>
internal static class Times
{
    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset at)
    {
        at = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            at = now;
            return true;
        }
        if (Durations.TryParse(text, out var ago) && !text.Contains(':', StringComparison.Ordinal))
        {
            at = now - ago;
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }
}
