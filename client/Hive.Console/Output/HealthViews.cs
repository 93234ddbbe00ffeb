using System.Globalization;
using Hive.Console.Commands;
using Hive.Health;

namespace Hive.Console.Output;

/// <summary>The service level and halt switch as a table, as lines in <c>hive status</c>, and as JSON.</summary>
internal static class HealthViews
{
    public static Table Detail(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var status = report.Status;
        return Terminal.Fields(
        [
            ("level", Names.Of(status.Level)),
            ("accepts", OperationRules.Describe(status.Level)),
            ("pinned", Pinned(report)),
            ("evaluated level", $"{Names.Of(status.EvaluatedLevel)} ({status.Reason})"),
            ("halted", Halted(status)),
            ("updated", Updated(status)),
            ("version", status.Version.ToString(CultureInfo.InvariantCulture)),
        ]);
    }

    /// <summary>One line for <c>hive status</c>: the level, and when pinned, by whom and what the signals say underneath.</summary>
    public static string LevelLine(HiveHealthStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var pin = status.PinnedLevel is null ? "" : $" (pinned by {status.PinnedBy}; evaluated {Names.Of(status.EvaluatedLevel)})";
        return $"Service level: {Names.Of(status.Level)}{pin}.";
    }

    public static string Halted(HiveHealthStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Halted ? $"yes, by {status.HaltedBy}: {status.HaltReason}" : "no";
    }

    public static object Json(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var status = report.Status;
        return new
        {
            level = status.Level,
            accepts = OperationRules.Describe(status.Level),
            pinned = status.PinnedLevel is not null,
            pinnedLevel = status.PinnedLevel,
            pinnedBy = status.PinnedBy,
            pinReason = report.PinReason,
            pinnedAt = report.PinnedAt,
            evaluatedLevel = status.EvaluatedLevel,
            evaluationReason = status.Reason,
            halted = status.Halted,
            haltedBy = status.HaltedBy,
            haltReason = status.HaltReason,
            updatedAt = status.Version == 0 ? (DateTimeOffset?)null : status.UpdatedAt,
            version = status.Version,
        };
    }

    private static string Pinned(HealthReport report)
    {
        if (report.Status.PinnedLevel is not { } level) return "no";
        var since = report.PinnedAt is { } at ? $" since {Formats.Time(at)}" : "";
        return $"at {Names.Of(level)} by {report.Status.PinnedBy}{since}: {report.PinReason ?? "reason not found in the audit trail"}";
    }

    /// <summary>A hive that never changed its health has no update time; "-" says so instead of the year 1.</summary>
    private static string Updated(HiveHealthStatus status) => status.Version == 0 ? "-" : Formats.Time(status.UpdatedAt);
}
