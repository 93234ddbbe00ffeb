using Hive.Memory;
using Hive.Silo.Storage.Append;
using Hive.Silo.Storage.GroupCommit;
using Hive.Silo.Storage.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hive.Benchmarks;

/// <summary>The append stores as the silo builds them, with the group-commit settings under test.</summary>
internal sealed class Stores(NpgsqlDataSource dataSource, GroupCommitOptions groupCommit, StorageResilienceOptions? resilience = null,
    ILoggerFactory? logs = null)
{
    private readonly ILoggerFactory _logs = logs ?? NullLoggerFactory.Instance;

    public StorageHealth Health { get; } = new();

    public PostgresCalls Calls => _calls ??= new PostgresCalls(dataSource, Health, Options.Create(resilience ?? new StorageResilienceOptions()),
        _logs.CreateLogger<PostgresCalls>());

    private PostgresCalls? _calls;

    public PostgresEntityCatalog Catalog() => new(Calls, Options.Create(groupCommit), _logs.CreateLogger<PostgresEntityCatalog>());

    public PostgresMessageStore Messages() => new(Calls, Options.Create(groupCommit), _logs.CreateLogger<PostgresMessageStore>());

    public PostgresMemoryChangeLog MemoryLog() => new(Calls, Options.Create(new MemoryOptions()));
}
