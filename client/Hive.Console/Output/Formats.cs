using System.Globalization;

namespace Hive.Console.Output;

/// <summary>How times, durations and lists read in tables. Times are UTC, so two operators' screens agree.</summary>
internal static class Formats
{
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan? span) => span switch
    {
        null => "-",
        { TotalDays: >= 1 } d => d.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture),
        { } d => d.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
    };

    public static string List(IEnumerable<string>? values) => values is null || !values.Any() ? "-" : string.Join(", ", values);

    public static string Text(string? value) => string.IsNullOrEmpty(value) ? "-" : value;

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
