using Hive.Health;
using Hive.Security;
using Hive.Silo.Hosting;
using Hive.Silo.Storage.Resilience;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hive.Silo.Http;

/// <summary>Gathers <see cref="HealthDetail"/>: every check, storage, the service level, authentication and the membership table.</summary>
public sealed partial class HealthDetailBuilder(
    HealthCheckService checks,
    IGrainFactory grains,
    ServiceLevelCache levelCache,
    ILocalSiloDetails silo,
    ISiloStatusOracle oracle,
    IClusterMembershipService membership,
    IOptions<SecurityOptions> security,
    ILogger<HealthDetailBuilder> log,
    StorageHealth? storage = null)
{
    /// <summary>The health grain may live on a busy or dying silo; the detail must still come back quickly.</summary>
    private static readonly TimeSpan LevelTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthDetail> BuildAsync(CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(cancellationToken);
        var (level, source) = await ServiceLevelAsync(cancellationToken);
        var members = membership.CurrentSnapshot.Members.Values
            .OrderBy(m => m.Status == SiloStatus.Dead)
            .ThenBy(m => m.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(m => new MemberDetail(m.SiloAddress.ToString(), m.Name, m.Status.ToString()))
            .ToList();
        return new HealthDetail(
            report.Status.ToString(),
            DateTimeOffset.UtcNow,
            new SiloDetail(silo.Name, silo.SiloAddress.ToString(), oracle.CurrentStatus.ToString()),
            report.Entries.Select(e => new CheckDetail(e.Key, e.Value.Status.ToString(), e.Value.Description,
                Math.Round(e.Value.Duration.TotalMilliseconds, 1), [.. e.Value.Tags], e.Value.Data)).ToList(),
            storage is null ? new StorageDetail("InMemory", null) : new StorageDetail("Postgres", storage.Snapshot()),
            level,
            source,
            Security(security.Value.Mode),
            members);
    }

    private static SecurityDetail Security(SecurityMode mode) =>
        mode == SecurityMode.Open ? new SecurityDetail(mode.ToString(), false, SecuritySetup.OpenWarning) : new SecurityDetail(mode.ToString(), true, null);

    private async Task<(HiveHealthStatus Level, string Source)> ServiceLevelAsync(CancellationToken cancellationToken)
    {
        try
        {
            var status = await grains.GetGrain<IHiveHealthGrain>(0).GetStatus().WaitAsync(LevelTimeout, cancellationToken);
            return (status, "health grain");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogLevelUnavailable(log, e.Message);
            return (levelCache.Current, $"this silo's cache (the health grain did not answer: {e.GetType().Name})");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Detailed health could not reach the health grain: {Reason}")]
    private static partial void LogLevelUnavailable(ILogger logger, string reason);

    /// <summary>Maps the overall verdict to the status code, as the probes do: only Unhealthy is 503.</summary>
    public static int StatusCode(string status) =>
        status == nameof(HealthStatus.Unhealthy) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
}
