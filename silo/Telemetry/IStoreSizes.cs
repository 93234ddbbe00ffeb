namespace Hive.Silo.Telemetry;

/// <summary>Measures the hive's stores for the <c>hive.store.*</c> gauges. Cheap by contract: it runs every measure interval on every silo.</summary>
public interface IStoreSizes
{
    Task<IReadOnlyList<StoreSize>> MeasureAsync(CancellationToken cancellationToken = default);
}
