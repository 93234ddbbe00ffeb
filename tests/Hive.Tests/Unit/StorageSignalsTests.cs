using Hive.Silo.Storage.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Hive.Tests.Unit;

/// <summary>The storage signals the service level reads: latency judged on recent calls only.</summary>
[Trait("Category", "Unit")]
public sealed class StorageSignalsTests
{
    [Fact]
    public void A_slow_spike_stops_counting_once_it_is_older_than_the_window()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var health = new StorageHealth(time);
        var signals = new StorageSignals(health, time);
        Assert.Null(signals.LatencyMs);

        health.RecordSuccess(TimeSpan.FromMilliseconds(840));
        Assert.Equal(840, signals.LatencyMs);

        time.Advance(StorageSignals.LatencyWindow - TimeSpan.FromSeconds(1));
        health.RecordSuccess(TimeSpan.FromMilliseconds(3));
        Assert.Equal(840, signals.LatencyMs);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(3, signals.LatencyMs);

        time.Advance(StorageSignals.LatencyWindow);
        Assert.Null(signals.LatencyMs);
        // The operator's detail view still shows the last samples, whatever their age.
        Assert.Equal(2, health.Snapshot().LatencySamples);
    }
}
