using System.Text.Json;

namespace Hive.Chaos;

/// <summary>
/// Puts <c>{"n": n}</c> with a growing n over a few keys of its own channel, so every key is written many times.
/// A key read back must show a version and an n at least those of every acknowledged put; an acknowledged put whose
/// version the read shows with another n means a lost write was followed by one that took its version.
/// </summary>
public sealed class MemoryWriter(HiveClient hive, CallLog log, string runId, int index) : Writer(hive, log, runId, index)
{
    private const int Keys = 8;
    private readonly Dictionary<string, List<(long N, long Version)>> _acked = new(StringComparer.Ordinal);

    private string Namespace => Name("mem");

    public override CallKind Kind => CallKind.Memory;

    public override async Task RunAsync(CancellationToken stop)
    {
        for (var n = 1L; !stop.IsCancellationRequested; n++)
        {
            var key = $"k{n % Keys}";
            try
            {
                var entry = await Log.TimeAsync(CallKind.Memory, () => Hive.Memory.PutAsync(Namespace, "chaos", key, $$"""{"n":{{n}}}""", Namespace));
                if (!_acked.TryGetValue(key, out var puts)) _acked[key] = puts = [];
                puts.Add((n, entry.Version));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await PauseAsync(stop);
            }
        }
    }

    public override async Task<Tally> VerifyAsync(Patiently patiently, CancellationToken cancellationToken)
    {
        var tally = Tally.Empty;
        foreach (var (key, puts) in _acked)
        {
            var entry = await patiently.ReadAsync(() => Hive.Memory.GetAsync(Namespace, "chaos", key), cancellationToken);
            var (n, version) = entry is null ? (0L, 0L) : (JsonDocument.Parse(entry.Value).RootElement.GetProperty("n").GetInt64(), entry.Version);
            var lost = puts.Count(p => p.N > n || p.Version > version || (p.Version == version && p.N != n));
            tally += new Tally(puts.Count, lost, 0,
                lost == 0 ? [] : [$"memory {Namespace}/chaos/{key}: read n={n} version={version}, last acknowledged n={puts[^1].N} version={puts[^1].Version}"]);
        }
        return tally;
    }
}
