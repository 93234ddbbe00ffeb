namespace Hive.Tests.Cluster;

/// <summary>
/// Faults the test cluster's silos inject into arriving grain calls: a dropped call answers as if it had run (a message
/// lost after its sender moved on; only for calls whose result the caller ignores); a failed call throws, as a call to
/// a silo that is going away does.
/// </summary>
public sealed class CallFaults
{
    private readonly HashSet<string> _dropped = new(StringComparer.Ordinal);
    private readonly HashSet<(string Method, string GrainKey)> _failed = [];
    private readonly Lock _gate = new();

    /// <summary>Drops calls to <paramref name="method"/> until the returned scope is disposed.</summary>
    public IDisposable Drop(string method)
    {
        lock (_gate) _dropped.Add(method);
        return new Scope(() =>
        {
            lock (_gate) _dropped.Remove(method);
        });
    }

    /// <summary>Fails calls to <paramref name="method"/> of the grain keyed <paramref name="grainKey"/> until the returned scope is disposed.</summary>
    public IDisposable Fail(string method, string grainKey)
    {
        lock (_gate) _failed.Add((method, grainKey));
        return new Scope(() =>
        {
            lock (_gate) _failed.Remove((method, grainKey));
        });
    }

    /// <summary>Applies the fault for this call, if any: true when the call must not run.</summary>
    public bool Intercept(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod.Name;
        lock (_gate)
        {
            if (_dropped.Contains(method))
            {
                context.Response = Orleans.Serialization.Invocation.Response.Completed;
                return true;
            }
            if (_failed.Count > 0 && _failed.Contains((method, context.TargetId.Key.ToString())))
                throw new InvalidOperationException($"Injected fault: {method} on {context.TargetId} failed.");
        }
        return false;
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
