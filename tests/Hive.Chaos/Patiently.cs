namespace Hive.Chaos;

/// <summary>
/// Reads for verification. The hive may still be settling when the load stops (a silo just died, storage just came
/// back), so a read that fails for a passing reason is asked again until <see cref="Within"/> has gone by; an
/// answer such as not-found is final and returned to the caller as it is.
/// </summary>
public sealed class Patiently(TimeSpan within)
{
    public TimeSpan Within { get; } = within;

    public async Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Exception e) when (Passing(e) && clock.Elapsed < Within)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    /// <summary>Transient Hive codes, and anything that is not a Hive answer at all (a silo gone, a timeout).</summary>
    public static bool Passing(Exception e) => e is HiveException hive ? HiveErrorCodes.IsTransient(hive.Code) : e is not OperationCanceledException;
}
