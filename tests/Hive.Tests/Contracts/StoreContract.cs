namespace Hive.Tests.Contracts;

/// <summary>
/// Base of the port contract tests: each concrete class runs the same cases against one adapter (in-memory or
/// PostgreSQL), so both keep the semantics the grains rely on. Whatever a test creates is disposed after it.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>Fixed whole-millisecond times: PostgreSQL keeps microseconds, the in-memory stores keep ticks.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
    }

    protected T Own<T>(T disposable) where T : class
    {
        if (disposable is IAsyncDisposable owned) _owned.Add(owned);
        return disposable;
    }
}
