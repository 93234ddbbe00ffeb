using Hive.Audit;
using Hive.Health;

namespace Hive.Console.Commands;

/// <summary>
/// The hive's health status and why its level is pinned. The status names who pinned but not why; the pin's audit
/// event does, so the reason comes from there, and stays unknown when the event is not among that actor's latest.
/// </summary>
internal sealed record HealthReport(HiveHealthStatus Status, string? PinReason, DateTimeOffset? PinnedAt)
{
    private const string HealthEntity = "hive/health";

    public static async Task<HealthReport> ReadAsync(HiveClient hive, HiveHealthStatus status)
    {
        ArgumentNullException.ThrowIfNull(hive);
        ArgumentNullException.ThrowIfNull(status);
        if (status is not { PinnedLevel: { } level, PinnedBy: { } actor }) return new(status, null, null);
        // Newest first, and only the pinning actor's events on the health entity, so the current pin is the first one found.
        var events = await hive.Audit.QueryAsync(new AuditQuery(HealthEntity, actor, PageSize: Limits.MaxPageSize));
        var pin = events.Items.FirstOrDefault(e => e.Action == HealthActions.LevelPinned);
        return pin is null ? new(status, null, null) : new(status, ReasonOf(pin.Details, level), pin.At);
    }

    /// <summary>The grain writes "pinned at &lt;Level&gt;: &lt;reason&gt;"; other wording is shown whole rather than cut wrongly.</summary>
    private static string? ReasonOf(string? details, ServiceLevel level)
    {
        var prefix = $"pinned at {level}: ";
        return details is not null && details.StartsWith(prefix, StringComparison.Ordinal) ? details[prefix.Length..] : details;
    }
}
