using System.Globalization;
using System.Text.Json;

namespace Hive.LoadGen;

/// <summary>One line of the table and of bench-results.json.</summary>
internal sealed record ResultRow(
    string Scenario, int Concurrency, double OpsPerS, double P50Ms, double P99Ms, double P999Ms, long Errors,
    string? Baseline, double? BaselineOpsPerS, double? Ratio, double CpuSiloPct, double CpuGeneratorPct, double CpuPostgresPct);

/// <summary>Turns measurements into rows beside their baselines, prints them, and writes the JSON.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public const string Header =
        "scenario                  conc      ops/s   p50 ms   p99 ms p99.9 ms   errors  baseline        base ops/s  ratio  cpu% silo   gen    pg";

    public static IEnumerable<ResultRow> Rows(Measurement m, string? baseline, IReadOnlyList<Measurement> done)
    {
        var against = baseline is null ? null : done.FirstOrDefault(d => d.Scenario == baseline && d.Concurrency == m.Concurrency);
        ResultRow Row(string name, Latency latency) => new(name, m.Concurrency, Round(m.OpsPerSecond), Round(latency.PercentileMs(50)),
            Round(latency.PercentileMs(99)), Round(latency.PercentileMs(99.9)), m.Errors, against is null ? null : baseline,
            against is null ? null : Round(against.OpsPerSecond),
            against is null || against.OpsPerSecond == 0 ? null : Math.Round(m.OpsPerSecond / against.OpsPerSecond, 3),
            Round(m.Cpu.SiloPercent), Round(m.Cpu.GeneratorPercent), Round(m.Cpu.PostgresPercent));
        yield return Row(m.Scenario, m.Total);
        foreach (var (step, latency) in m.Steps) yield return Row($"{m.Scenario}:{step}", latency);
    }

    public static string Format(ResultRow r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Scenario,-24} {r.Concurrency,5} {r.OpsPerS,10:0} {r.P50Ms,8:0.00} {r.P99Ms,8:0.00} {r.P999Ms,8:0.00} {r.Errors,8}  {r.Baseline ?? "-",-14} {(r.BaselineOpsPerS is { } b ? b.ToString("0", CultureInfo.InvariantCulture) : "-"),10} {(r.Ratio is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "-"),6}  {r.CpuSiloPct,9:0} {r.CpuGeneratorPct,5:0} {r.CpuPostgresPct,5:0}");

    public static async Task WriteJsonAsync(string path, IReadOnlyList<ResultRow> rows)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, rows, Json);
    }

    private static double Round(double value) => Math.Round(value, 3);
}
