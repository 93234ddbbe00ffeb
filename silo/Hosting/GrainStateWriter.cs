namespace Hive.Silo.Hosting;

/// <summary>Which writer keeps grain state in PostgreSQL. Both use the same rows of <c>hive_grain_state</c>.</summary>
public enum GrainStateWriter
{
    /// <summary>Hive's own: the writes that arrive together commit together (the default).</summary>
    Batched,

    /// <summary>Orleans' stock ADO.NET provider: a statement and a commit per write. Kept to measure against.</summary>
    AdoNet,
}
