using System.Diagnostics.Metrics;
using Hive.Retention;

namespace Hive.Silo.Telemetry;

/// <summary>
/// The gauges <c>hive.store.rows</c> and <c>hive.store.bytes</c> (tag <c>store</c>), so an operator sees retention keep each
/// store bounded. Measured every <c>Hive:Retention:MeasureInterval</c>; the gauges show the latest measurement. Every silo of
/// a durable hive reports the same shared tables: aggregate them with max, not sum.
/// </summary>
public sealed partial class StoreSizeReporter : BackgroundService
{
    private readonly IStoreSizes _sizes;
    private readonly TimeSpan _interval;
    private readonly ILogger<StoreSizeReporter> _log;
    // Replaced whole on each measurement, so gauge callbacks on other threads always see one consistent snapshot.
    private volatile IReadOnlyList<StoreSize> _latest = [];

    public StoreSizeReporter(IStoreSizes sizes, IMeterFactory meters, IOptions<RetentionOptions> options, ILogger<StoreSizeReporter> log)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _sizes = sizes;
        _interval = options.Value.MeasureInterval;
        _log = log;
        var meter = meters.Create(HiveMetrics.MeterName);
        meter.CreateObservableGauge("hive.store.rows", () => Gauge(s => s.Rows), description: "Rows in each store (PostgreSQL: the planner's estimate).");
        meter.CreateObservableGauge("hive.store.bytes", () => Gauge(s => s.Bytes), "By", "Bytes each store takes on disk, indexes included (PostgreSQL only).");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(_interval);
        do
        {
            try
            {
                _latest = await _sizes.MeasureAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogMeasureFailed(_log, e.Message);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<long>> Gauge(Func<StoreSize, long?> value) =>
        _latest.Where(s => value(s) is not null)
            .Select(s => new Measurement<long>(value(s)!.Value, new KeyValuePair<string, object?>("store", s.Store)));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not measure the stores: {Reason}")]
    private static partial void LogMeasureFailed(ILogger logger, string reason);
}
