using Orleans.Storage;

namespace Hive.Silo.Storage.Resilience;

/// <summary>
/// Grain state through Orleans' ADO.NET provider, with a lost database reported the way the append stores report it:
/// <see cref="HiveException"/> <c>storage-unavailable</c> with a retry-after. The provider lets Npgsql's exceptions
/// through, which clients cannot even deserialize (they saw a codec error instead of a reason while PostgreSQL was
/// down). Version conflicts and every other error pass unchanged.
/// </summary>
internal sealed class PlainGrainStorage(IGrainStorage inner, TimeSpan retryAfter) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.ReadStateAsync(stateName, grainId, grainState), "could not be read; nothing was changed");

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.WriteStateAsync(stateName, grainId, grainState), "was not confirmed, so the change may or may not have been stored; read it back before repeating it");

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.ClearStateAsync(stateName, grainId, grainState), "was not confirmed, so the change may or may not have been stored; read it back before repeating it");

    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);

    private async Task Guard(Func<Task> call, string outcome)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (Chain(e).Any(StorageFaults.IsOutage))
        {
            throw new HiveException(HiveErrorCodes.StorageUnavailable,
                $"PostgreSQL is unavailable: the entity's state {outcome}. Retry after {retryAfter.TotalSeconds:0.###} s.")
            {
                RetryAfter = retryAfter,
            };
        }
    }

    /// <summary>The exception and its inner ones: the provider may wrap what Npgsql threw.</summary>
    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException) yield return current;
    }
}
