namespace Hive.Common;

/// <summary>One page of a listing. Pass <see cref="NextPageToken"/> back to read the next page; null means the end.</summary>
[GenerateSerializer, Immutable, Alias("hive.page.v1`1")]
public sealed record Page<T>([property: Id(0)] IReadOnlyList<T> Items, [property: Id(1)] string? NextPageToken);
