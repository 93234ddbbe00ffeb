namespace Hive.Console.Snapshots;

/// <summary>Reads many entities at once, a bounded number in flight, keeping the order asked for.</summary>
internal static class Reads
{
    private const int InFlight = 16;

    public static async Task<List<TResult>> AllAsync<TId, TResult>(IEnumerable<TId> ids, Func<TId, Task<TResult>> read)
    {
        var results = new List<TResult>();
        foreach (var chunk in ids.Chunk(InFlight)) results.AddRange(await Task.WhenAll(chunk.Select(read)));
        return results;
    }
}
