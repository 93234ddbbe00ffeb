using Hive.Tests.Contracts;

namespace Hive.Tests.Durable;

[Trait("Category", "Durable")]
public sealed class PostgresMessageStoreTests : MessageStoreContract
{
    protected override async Task<IMessageStore> CreateAsync()
    {
        var schema = Own(await PostgresSchema.CreateAsync());
        return Own(new TestStores(schema.DataSource).Messages());
    }
}
