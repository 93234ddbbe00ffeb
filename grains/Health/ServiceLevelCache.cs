namespace Hive.Health;

/// <summary>This silo's copy of the hive's health status, refreshed about every second, read by every client call.</summary>
public sealed class ServiceLevelCache
{
    private volatile HiveHealthStatus _current = HiveHealthStatus.Initial;

    public HiveHealthStatus Current => _current;

    public void Update(HiveHealthStatus status) => _current = status;
}
