namespace Hive.Health;

/// <summary>
/// The silos' side of the health grain (same grain as <see cref="IHiveHealthGrain"/>, key 0): each silo's health
/// reporter hands it what it measured. Internal, so clients cannot reach it and no caller can feed the hive's level.
/// </summary>
internal interface ISiloSignalsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Keeps the report as the silo's newest, stamped with the grain's clock on receipt; the next evaluation uses it until
    /// it is older than <c>Hive:Health:SignalMaxAgeIntervals</c> intervals. A report with no silo name, or with a
    /// measurement that is negative or not a number, is refused (<c>validation</c>), changing nothing.
    /// </summary>
    Task ReportSignals(SiloSignals signals);
}
