using Npgsql;
using NpgsqlTypes;

namespace Hive.LoadGen.Scenarios;

/// <summary>
/// Baseline for durable writes: one prepared single-row upsert of the same payload, straight through Npgsql, in its own
/// table (created here, dropped at the end), with PostgreSQL's fsync and synchronous commit as the silo has them.
/// Each worker cycles over its own keys, as the memory-put workers do.
/// </summary>
internal sealed class RawUpsert(NpgsqlDataSource dataSource, string table, int keysPerWorker) : IScenario, IAsyncDisposable
{
    public const string ScenarioName = "raw-upsert";

    public string Name => ScenarioName;

    public string? Baseline => null;

    public IReadOnlyList<string> Steps => [];

    private string Sql => $"INSERT INTO {table} (key, payload, version, updated_at) VALUES ($1, $2, 1, now()) " +
        $"ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, version = {table}.version + 1, updated_at = now()";

    public async Task PrepareAsync(int workers, CancellationToken cancellationToken)
    {
        await using var create = dataSource.CreateCommand(
            $"CREATE TABLE IF NOT EXISTS {table} (key text PRIMARY KEY, payload bytea NOT NULL, version bigint NOT NULL, updated_at timestamptz NOT NULL)");
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RunOnceAsync(int worker, long iteration, StepClock steps)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"w{worker}-k{iteration % keysPerWorker}", NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Payload.Utf8, NpgsqlDbType = NpgsqlDbType.Bytea });
        // Prepared once per pooled connection; later calls find it in the connection's cache without a round trip.
        await command.PrepareAsync();
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using var drop = dataSource.CreateCommand($"DROP TABLE IF EXISTS {table}");
        await drop.ExecuteNonQueryAsync();
    }
}
