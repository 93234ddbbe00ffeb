using System.Diagnostics.Metrics;

namespace Hive.Silo.Storage.Resilience;

/// <summary>
/// The append stores' storage instruments on meter <c>Hive</c>: <c>hive.storage.latency</c> (ms, every successful
/// attempt, as <see cref="StorageHealth"/> counts them) and <c>hive.storage.circuit_open</c> (1 while the circuit
/// fails calls fast, as the service level sees it).
/// </summary>
public sealed class StorageMetrics
{
    private readonly Histogram<double> _latency;

    public StorageMetrics(IMeterFactory meters, IStorageSignals signals)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(signals);
        var meter = meters.Create(HiveMetrics.MeterName);
        _latency = meter.CreateHistogram<double>("hive.storage.latency", "ms", "Duration of successful PostgreSQL attempts of the append stores.");
        meter.CreateObservableGauge("hive.storage.circuit_open", () => signals.CircuitOpen ? 1 : 0,
            description: "1 while the storage circuit breaker is open and storage calls fail fast.");
    }

    public void Attempted(TimeSpan latency) => _latency.Record(latency.TotalMilliseconds);
}
