namespace Hive.Ports;

/// <summary>Where the hive reports problems it noticed. The escalation grains implement it; tests record.</summary>
public interface IAlertSink
{
    /// <summary>Raises the alert; raising a key that is already open changes nothing.</summary>
    Task RaiseAsync(HiveAlert alert, CancellationToken cancellationToken = default);

    /// <summary>The cause behind <paramref name="key"/> is gone; resolves the alert with the note. Unknown keys are ignored.</summary>
    Task ClearAsync(string key, string note, CancellationToken cancellationToken = default);
}
