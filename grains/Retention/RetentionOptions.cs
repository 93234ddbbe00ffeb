using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hive.Retention;

/// <summary>How long the hive keeps what is finished. Bound from configuration section <c>Hive:Retention</c>, checked at start-up.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Hive:Retention";

    /// <summary>How long audit events are kept (by the time they happened); older ones are exported, then deleted. Zero keeps them forever.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "36500.00:00:00", ErrorMessage = "Hive:Retention:Audit must be 0 (keep forever) up to 36500 days.")]
    public TimeSpan Audit { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long finished entities stay after they last changed: offline agents, closed escalations, completed or cancelled
    /// tasks, deleted or expired memory keys. Then their state and listing go (their audit trail stays). Zero keeps them forever.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "36500.00:00:00", ErrorMessage = "Hive:Retention:FinishedEntities must be 0 (keep forever) up to 36500 days.")]
    public TimeSpan FinishedEntities { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often each silo asks for a retention pass; the first comes one interval after the silo starts.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "7.00:00:00", ErrorMessage = "Hive:Retention:Interval must be 10 ms–7 days.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Audit events deleted per transaction, and catalog rows read per page, so no purge holds locks for long.</summary>
    [SettingRange(1, 10_000, ErrorMessage = "Hive:Retention:BatchSize must be 1–10000.")]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Where audit events are written (JSON lines, one file per batch) before they are deleted; relative to the silo's working
    /// directory. Empty: they are deleted without a copy.
    /// </summary>
    public string AuditExportDirectory { get; set; } = "audit-export";

    /// <summary>How often each silo measures its stores for the <c>hive.store.*</c> gauges.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Hive:Retention:MeasureInterval must be 10 ms–1 h.")]
    public TimeSpan MeasureInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool PurgesAudit => Audit > TimeSpan.Zero;

    public bool PurgesEntities => FinishedEntities > TimeSpan.Zero;
}

/// <summary>Checks the attributes on <see cref="RetentionOptions"/>; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;
