namespace Hive.Tests.Durable;

/// <summary>
/// A transaction on a side connection that holds locks a store's batch will wait for, so a test can line callers up
/// behind a blocked batch and know exactly which of them the next batch carries.
/// </summary>
internal sealed class LockHolder : IAsyncDisposable
{
    private readonly PostgresSchema _schema;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private LockHolder(PostgresSchema schema, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _schema = schema;
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<LockHolder> TakeAsync(PostgresSchema schema, string sql)
    {
        var connection = await schema.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        var holder = new LockHolder(schema, connection, transaction);
        await holder.RunAsync(sql);
        return holder;
    }

    /// <summary>Runs more SQL inside the holding transaction.</summary>
    public async Task RunAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until one of the schema's store connections is blocked on a lock.</summary>
    public async Task WaitForWaiterAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        await using var probe = await _schema.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = @name AND wait_event_type = 'Lock'", probe)
        {
            Parameters = { new("name", _schema.Name) },
        };
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("No store connection ever waited for the held lock.");
            await Task.Delay(10);
        }
    }

    public Task CommitAsync() => _transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
