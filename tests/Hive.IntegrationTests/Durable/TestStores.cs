using Hive.Silo.Storage.Append;
using Hive.Silo.Storage.GroupCommit;
using Hive.Silo.Storage.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hive.Tests.Durable;

/// <summary>Builds the PostgreSQL stores the way the silo's container would, with options a test may tune.</summary>
internal sealed class TestStores(NpgsqlDataSource dataSource, StorageResilienceOptions? resilience = null, GroupCommitOptions? groupCommit = null)
{
    public StorageHealth Health { get; } = new();

    public IOptions<GroupCommitOptions> GroupCommit { get; } = Options.Create(groupCommit ?? new GroupCommitOptions());

    public PostgresCalls Calls => _calls ??= new PostgresCalls(dataSource, Health, Options.Create(resilience ?? new StorageResilienceOptions()),
        NullLogger<PostgresCalls>.Instance);

    private PostgresCalls? _calls;

    public PostgresEntityCatalog Catalog() => new(Calls, GroupCommit, NullLogger<PostgresEntityCatalog>.Instance);

    public PostgresAuditLog Audit() => new(Calls, GroupCommit, NullLogger<PostgresAuditLog>.Instance);

    public PostgresMessageStore Messages() => new(Calls, GroupCommit, NullLogger<PostgresMessageStore>.Instance);

    public PostgresMemoryChangeLog MemoryLog(int retention) => new(Calls, Options.Create(new MemoryOptions { ChangeLogRetention = retention }));
}
