using Hive.Memory;
using Hive.Ports;
using Hive.Silo.InMemory;

namespace Hive.Tests.Unit;

/// <summary>The in-memory change log with a hook before each append, so a test can hold or fail an append.</summary>
internal sealed class ScriptedMemoryChangeLog(int retention = 1000) : IMemoryChangeLog
{
    private readonly InMemoryMemoryChangeLog _inner = new(retention);

    /// <summary>Runs before each append; throw to fail it, await to hold it.</summary>
    public Func<IReadOnlyList<MemoryChange>, Task> BeforeAppend { get; set; } = _ => Task.CompletedTask;

    public List<int> BatchSizes { get; } = [];

    public async Task AppendAsync(string channel, IReadOnlyList<MemoryChange> changes, CancellationToken cancellationToken = default)
    {
        await BeforeAppend(changes);
        await _inner.AppendAsync(channel, changes, cancellationToken);
        lock (BatchSizes) BatchSizes.Add(changes.Count);
    }

    public Task<MemoryLogRead> ReadAsync(string channel, long afterRevision, int max, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(channel, afterRevision, max, cancellationToken);

    public Task<long> LatestRevisionAsync(string channel, CancellationToken cancellationToken = default) =>
        _inner.LatestRevisionAsync(channel, cancellationToken);
}
