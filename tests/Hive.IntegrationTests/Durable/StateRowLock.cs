namespace Hive.Tests.Durable;

/// <summary>
/// Locks one grain's state row in a side transaction until disposed: that grain's state writes wait behind it, then
/// time out, at the exact point a real write would fail, while every other grain writes on.
/// </summary>
internal sealed class StateRowLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private StateRowLock(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public static async Task<StateRowLock> HoldAsync(NpgsqlDataSource dataSource, string grainKey)
    {
        var connection = await dataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM hive_grain_state WHERE key_string = @key FOR UPDATE", connection, transaction)
        {
            Parameters = { new("key", grainKey) },
        };
        Assert.NotNull(await command.ExecuteScalarAsync());
        return new StateRowLock(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
