using Hive.Audit;
using Hive.Memory;
using Hive.Ports;

namespace Hive.Common;

/// <summary>
/// The catalog row, audit event and memory change-log row that publish a grain's next state write. While the grain writes its state they ride
/// along (<see cref="Current"/>): a grain storage that can commit them in the same transaction takes them, and the
/// change is then published exactly when the state is stored. Otherwise <see cref="ChangeRecorder"/> writes them after.
/// A purge's companions (<see cref="Removes"/>) ride along with a clear instead: the state row and the catalog row go together.
/// </summary>
public sealed class StateCompanions(CatalogEntry? row, AuditEvent? change, MemoryLogEntry? memory = null)
{
    private static readonly AsyncLocal<StateCompanions?> Riding = new();

    /// <summary>The companions of a purge: the clear removes the state row, <paramref name="row"/> leaves the catalog, <paramref name="change"/> is audited.</summary>
    public static StateCompanions Removal(CatalogEntry row, AuditEvent change) => new(row, change) { Removes = true };

    /// <summary>True for a purge: the storage removes the state's row (not only empties it) and deletes <see cref="Row"/> from the catalog.</summary>
    public bool Removes { get; private init; }

    /// <summary>The grain's catalog row; null for a singleton the catalog does not list (the health grain).</summary>
    public CatalogEntry? Row { get; } = row;

    public AuditEvent? Change { get; } = change;

    /// <summary>The memory change this write makes, for its channel's log; its revision is refused if already taken.</summary>
    public MemoryLogEntry? Memory { get; } = memory;

    /// <summary>True once a storage took them: they commit, or fail, with the state write.</summary>
    public bool Taken { get; private set; }

    /// <summary>The companions of the state write this call is part of; null outside <see cref="ChangeRecorder.SaveAsync"/>.</summary>
    public static StateCompanions? Current
    {
        get => Riding.Value;
        internal set => Riding.Value = value;
    }

    /// <summary>Claims them for the state write in progress; false when another storage call already did.</summary>
    public bool Take()
    {
        if (Taken) return false;
        Taken = true;
        return true;
    }
}
