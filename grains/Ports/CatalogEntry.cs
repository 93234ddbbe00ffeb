namespace Hive.Ports;

/// <summary>What kind of entity a catalog row describes.</summary>
public enum EntityKind
{
    Agent = 0,
    Task = 1,
    MemoryKey = 2,
    MemoryChannel = 3,
    Escalation = 4,
}

/// <summary>
/// The listing row a grain writes on every change. <see cref="Version"/> only grows: a row is replaced only
/// by a newer version, so late or repeated writes never roll a listing back. <see cref="WakeAt"/> asks the
/// deadline sweeper to wake the grain at that time even when it is not activated. <see cref="Scope"/> is the
/// group a row is listed under: a ready task's queue, a memory key's channel, a channel's namespace.
/// <see cref="Host"/> names the silo whose activation keeps a deadline for this row only in memory (a watched
/// agent's heartbeat check); when that silo dies, the sweeper wakes the grain on a live one.
/// </summary>
public sealed record CatalogEntry(
    EntityKind Kind,
    string Id,
    long Version,
    string Status,
    string Title,
    string? Type,
    string? Owner,
    IReadOnlyList<string> Tags,
    string? Scope,
    int Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? WakeAt,
    string? Host = null);

/// <summary>A catalog filter; null fields match everything. Results are ordered by id; the page token is the last id returned.</summary>
public sealed record CatalogQuery(
    EntityKind Kind,
    string? Status = null,
    string? Tag = null,
    string? Type = null,
    string? Owner = null,
    string? Scope = null,
    int PageSize = Limits.DefaultPageSize,
    string? AfterId = null);
