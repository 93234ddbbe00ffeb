using Hive.Silo.InMemory;
using Hive.Tests.Contracts;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class InMemoryAuditLogTests : AuditLogContract
{
    protected override Task<IAuditLog> CreateAsync() => Task.FromResult<IAuditLog>(new InMemoryAuditLog());
}
