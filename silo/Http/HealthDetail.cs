using Hive.Health;
using Hive.Silo.Storage.Resilience;

namespace Hive.Silo.Http;

/// <summary>What <see cref="HiveEndpoints.Health"/> answers an operator holding the admin token.</summary>
public sealed record HealthDetail(
    string Status,
    DateTimeOffset CheckedAt,
    SiloDetail Silo,
    IReadOnlyList<CheckDetail> Checks,
    StorageDetail Storage,
    HiveHealthStatus ServiceLevel,
    string ServiceLevelSource,
    SecurityDetail Security,
    IReadOnlyList<MemberDetail> Members);

/// <summary>This silo as the cluster knows it.</summary>
public sealed record SiloDetail(string Name, string Address, string Status);

/// <summary>One health check's verdict; <see cref="Data"/> holds what it measured (round trips, circuit state).</summary>
public sealed record CheckDetail(string Name, string Status, string? Description, double DurationMs, IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, object> Data);

/// <summary>
/// The append stores' view of PostgreSQL (<see cref="StorageHealthSnapshot"/>) in durable mode;
/// in memory mode only <see cref="Mode"/> is set.
/// </summary>
public sealed record StorageDetail(string Mode, StorageHealthSnapshot? Postgres);

/// <summary>Whether callers are authenticated (<c>Hive:Security:Mode</c>); <see cref="Warning"/> is set when they are not.</summary>
public sealed record SecurityDetail(string Mode, bool CallersAuthenticated, string? Warning);

/// <summary>One entry of the membership table.</summary>
public sealed record MemberDetail(string Address, string? Name, string Status);
