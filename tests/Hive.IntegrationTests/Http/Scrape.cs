namespace Hive.Tests.Http;

/// <summary>Reads Prometheus' text format: one sample per line, <c>name{labels} value</c> or <c>name value</c>.</summary>
internal static class Scrape
{
    public static IReadOnlyList<string> Samples(string body, string series) =>
        body.Split('\n')
            .Where(line => line.StartsWith(series, StringComparison.Ordinal) && line.Length > series.Length && line[series.Length] is '{' or ' ')
            .ToList();

    public static string Value(string sample) => sample[(sample.LastIndexOf(' ') + 1)..].Trim();
}
