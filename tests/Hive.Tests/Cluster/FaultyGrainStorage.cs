using Orleans.Storage;

namespace Hive.Tests.Cluster;

/// <summary>
/// Grain storage that fails the writes a test picks, at the exact point a real write would fail: after the grain built
/// its new state, before anything is stored. Everything else goes to the storage it wraps.
/// </summary>
internal sealed class FaultyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    /// <summary>Decides, per write, whether it fails; null lets every write through.</summary>
    public Func<GrainId, bool>? Fail { get; set; }

    /// <summary>Decides, per write, from the state about to be written, whether it fails; null lets every write through.</summary>
    public Func<GrainId, object?, bool>? FailState { get; set; }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Fail?.Invoke(grainId) == true || FailState?.Invoke(grainId, grainState.State) == true
            ? Task.FromException(new InvalidOperationException($"Injected failure: the {stateName} write of {grainId} was not stored."))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
