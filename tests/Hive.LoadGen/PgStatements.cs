using System.Globalization;
using Npgsql;

namespace Hive.LoadGen;

/// <summary>
/// Where PostgreSQL's time went in one case, from pg_stat_statements (when the server loads it and the database
/// given has the extension): the statements that took the most execution time, with calls per operation, so a
/// scenario's round trips and their cost can be read off the run. Optional; profiling runs pass --pg-stats.
/// </summary>
internal sealed class PgStatements(NpgsqlDataSource dataSource)
{
    private const int Shown = 6;

    public async Task<IReadOnlyDictionary<long, Statement>> SnapshotAsync()
    {
        var statements = new Dictionary<long, Statement>();
        await using var command = dataSource.CreateCommand(
            "SELECT queryid, calls, total_exec_time, query FROM pg_stat_statements WHERE queryid IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt64(0);
            var seen = new Statement(reader.GetInt64(1), reader.GetDouble(2), reader.GetString(3));
            // The same text can appear once per database or user; add them up.
            statements[id] = statements.TryGetValue(id, out var other) ? seen with { Calls = seen.Calls + other.Calls, TotalMs = seen.TotalMs + other.TotalMs } : seen;
        }
        return statements;
    }

    /// <summary>Lines describing what ran between two snapshots, for <paramref name="operations"/> operations.</summary>
    public static IEnumerable<string> Describe(IReadOnlyDictionary<long, Statement> before, IReadOnlyDictionary<long, Statement> after, long operations)
    {
        var deltas = after.Select(a => (a.Value.Query, Calls: a.Value.Calls - (before.TryGetValue(a.Key, out var b) ? b.Calls : 0),
                Ms: a.Value.TotalMs - (before.TryGetValue(a.Key, out var c) ? c.TotalMs : 0)))
            .Where(d => d.Calls > 0 && !d.Query.Contains("pg_stat_statements", StringComparison.Ordinal))
            .OrderByDescending(d => d.Ms)
            .ToArray();
        var totalMs = Math.Max(0.001, deltas.Sum(d => d.Ms));
        var ops = Math.Max(1, operations);
        yield return string.Create(CultureInfo.InvariantCulture,
            $"  pg: {deltas.Sum(d => d.Calls) / (double)ops:0.00} statements/op, {totalMs / ops:0.000} ms executing/op; top statements:");
        foreach (var d in deltas.Take(Shown))
        {
            var text = string.Join(' ', d.Query.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
            yield return string.Create(CultureInfo.InvariantCulture,
                $"    {d.Calls / (double)ops,6:0.00}/op {d.Ms / d.Calls,7:0.000} ms mean {100 * d.Ms / totalMs,4:0}%  {text[..Math.Min(110, text.Length)]}");
        }
    }

    internal sealed record Statement(long Calls, double TotalMs, string Query);
}
