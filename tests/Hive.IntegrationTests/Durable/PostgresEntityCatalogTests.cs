using Hive.Tests.Contracts;

namespace Hive.Tests.Durable;

[Trait("Category", "Durable")]
public sealed class PostgresEntityCatalogTests : EntityCatalogContract
{
    protected override async Task<IEntityCatalog> CreateAsync()
    {
        var schema = Own(await PostgresSchema.CreateAsync());
        return Own(new TestStores(schema.DataSource).Catalog());
    }
}
