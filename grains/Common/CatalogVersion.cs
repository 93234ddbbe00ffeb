namespace Hive.Common;

/// <summary>
/// Catalog rows are replaced only by newer versions. A grain sometimes updates its row without a state
/// write (clearing a wake-up), so the row version is the state version times 256 plus a counter of those
/// row-only writes: always larger after either kind of write, and never ahead of a later state write.
/// </summary>
public struct CatalogVersion
{
    private int _rowOnlyWrites;

    public long For(long stateVersion) => (stateVersion * 256) + _rowOnlyWrites;

    public long NextRowOnly(long stateVersion) => (stateVersion * 256) + Math.Min(++_rowOnlyWrites, 255);

    public void StateWritten() => _rowOnlyWrites = 0;
}
