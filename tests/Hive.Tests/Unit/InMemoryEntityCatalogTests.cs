using Hive.Silo.InMemory;
using Hive.Tests.Contracts;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class InMemoryEntityCatalogTests : EntityCatalogContract
{
    protected override Task<IEntityCatalog> CreateAsync() => Task.FromResult<IEntityCatalog>(new InMemoryEntityCatalog());
}
