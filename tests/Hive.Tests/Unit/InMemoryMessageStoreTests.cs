using Hive.Silo.InMemory;
using Hive.Tests.Contracts;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class InMemoryMessageStoreTests : MessageStoreContract
{
    protected override Task<IMessageStore> CreateAsync() => Task.FromResult<IMessageStore>(new InMemoryMessageStore());
}
