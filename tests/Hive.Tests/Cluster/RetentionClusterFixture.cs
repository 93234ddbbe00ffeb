namespace Hive.Tests.Cluster;

/// <summary>
/// A hive of its own for the retention tests, which move Hive's clock by months: short retention passes (every few tens of
/// milliseconds of real time, small batches) compare ages against the fake clock, so a test advances past a retention
/// period and waits briefly. Purged audit events are exported to a directory of this fixture, deleted on dispose.
/// </summary>
public class RetentionClusterFixture : HiveClusterFixture
{
    public static readonly TimeSpan AuditRetention = TimeSpan.FromDays(90);
    public static readonly TimeSpan EntityRetention = TimeSpan.FromDays(30);
    public static readonly TimeSpan PassInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Small, so a test's handful of rows already spans several batches and pages.</summary>
    public const int BatchSize = 3;

    public RetentionClusterFixture() : this(onPostgres: false) { }

    protected RetentionClusterFixture(bool onPostgres) : base(onPostgres) { }

    public string ExportDirectory { get; } = Path.Combine(Path.GetTempPath(), "hive-retention-" + Guid.NewGuid().ToString("N")[..12]);

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Hive:Retention:Audit"] = AuditRetention.ToString();
        settings["Hive:Retention:FinishedEntities"] = EntityRetention.ToString();
        settings["Hive:Retention:Interval"] = PassInterval.ToString();
        settings["Hive:Retention:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Hive:Retention:AuditExportDirectory"] = ExportDirectory;
        settings["Hive:Retention:MeasureInterval"] = PassInterval.ToString();
        return settings;
    }

    /// <summary>How many grain-state rows the database holds for <paramref name="key"/>; null where state is not in a database.</summary>
    public async Task<long?> StateRowsAsync(string key) => Database is null
        ? null
        : await Database.ScalarAsync<long>($"SELECT count(*) FROM hive_grain_state WHERE key_string = '{key.Replace("'", "''", StringComparison.Ordinal)}'");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(ExportDirectory)) Directory.Delete(ExportDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class RetentionClusterCollection : ICollectionFixture<RetentionClusterFixture>
{
    public const string Name = "retention-cluster";
}
