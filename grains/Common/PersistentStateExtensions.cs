namespace Hive.Common;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; when the write fails, memory holds a change storage may not have, so
    /// <paramref name="discardActivation"/> (normally DeactivateOnIdle) lets the next call start from storage.
    /// </summary>
    public static async Task WriteOrDiscardAsync<T>(this IPersistentState<T> state, Action discardActivation)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            discardActivation();
            throw;
        }
    }

    /// <summary>Clears the state; like <see cref="WriteOrDiscardAsync"/>, a failure discards the activation.</summary>
    public static async Task ClearOrDiscardAsync<T>(this IPersistentState<T> state, Action discardActivation)
    {
        try
        {
            await state.ClearStateAsync();
        }
        catch
        {
            discardActivation();
            throw;
        }
    }
}
