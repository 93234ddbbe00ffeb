namespace Hive.Tests.Cluster;

/// <summary>
/// Names of grain methods whose calls the test cluster's silos drop on arrival, answering as if they had run: a message
/// lost after its sender moved on. Only for one-way-in-spirit calls whose result the caller ignores.
/// </summary>
public sealed class LostCalls
{
    private readonly HashSet<string> _methods = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Drops calls to <paramref name="method"/> until the returned scope is disposed.</summary>
    public IDisposable Drop(string method)
    {
        lock (_gate) _methods.Add(method);
        return new Scope(() =>
        {
            lock (_gate) _methods.Remove(method);
        });
    }

    public bool Drops(string method)
    {
        lock (_gate) return _methods.Count > 0 && _methods.Contains(method);
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
