namespace Hive.Silo.Storage;

/// <summary>One schema step: <c>NNNN_name.sql</c> applied once, in a transaction, in version order.</summary>
public sealed record Migration(int Version, string Name, string Sql);
