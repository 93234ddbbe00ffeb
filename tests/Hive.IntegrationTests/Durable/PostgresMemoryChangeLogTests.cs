using Hive.Tests.Contracts;

namespace Hive.Tests.Durable;

[Trait("Category", "Durable")]
public sealed class PostgresMemoryChangeLogTests : MemoryChangeLogContract
{
    protected override async Task<IMemoryChangeLog> CreateAsync(int retention)
    {
        var schema = Own(await PostgresSchema.CreateAsync());
        return Own(new TestStores(schema.DataSource).MemoryLog(retention));
    }
}
