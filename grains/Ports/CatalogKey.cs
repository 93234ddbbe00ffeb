namespace Hive.Ports;

/// <summary>Which catalog row: one per entity kind and id.</summary>
public sealed record CatalogKey(EntityKind Kind, string Id);
