using Hive.Silo.InMemory;
using Hive.Tests.Contracts;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class InMemoryMemoryChangeLogTests : MemoryChangeLogContract
{
    protected override Task<IMemoryChangeLog> CreateAsync(int retention) => Task.FromResult<IMemoryChangeLog>(new InMemoryMemoryChangeLog(retention));
}
