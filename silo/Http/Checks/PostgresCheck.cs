using System.Diagnostics;
using Hive.Silo.Storage.Resilience;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Hive.Silo.Http.Checks;

/// <summary>Readiness in durable mode: PostgreSQL answers <c>SELECT 1</c> on the silo's own pool.</summary>
public sealed class PostgresCheck(NpgsqlDataSource dataSource, TimeProvider time) : CachedProbe(time)
{
    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var command = dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["roundTripMs"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1) };
        return HealthCheckResult.Healthy("PostgreSQL answers", data);
    }

    protected override string Describe(Exception error) => $"PostgreSQL does not answer: {StorageFaults.Describe(error)}";
}
