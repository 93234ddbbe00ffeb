using Hive.Tests.Contracts;

namespace Hive.Tests.Durable;

[Trait("Category", "Durable")]
public sealed class PostgresAuditLogTests : AuditLogContract
{
    protected override async Task<IAuditLog> CreateAsync()
    {
        var schema = Own(await PostgresSchema.CreateAsync());
        return Own(new TestStores(schema.DataSource).Audit());
    }
}
