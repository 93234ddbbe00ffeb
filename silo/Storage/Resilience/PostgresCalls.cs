using System.Diagnostics;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Hive.Silo.Storage.Resilience;

/// <summary>
/// The one way the append stores reach PostgreSQL: every call runs in one Polly pipeline — an overall timeout, retries
/// with exponential backoff and jitter for transient faults only, a circuit breaker that fails fast while the database
/// is away and lets a probe through when the break is over, and a timeout per attempt. Failures for lack of the
/// database reach callers as <see cref="HiveException"/> <c>storage-unavailable</c> with a retry-after; other errors
/// (constraint violations, bad SQL) pass through unchanged and are never retried.
/// </summary>
public sealed partial class PostgresCalls
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly StorageHealth _health;
    private readonly StorageResilienceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ResiliencePipeline _pipeline;
    private readonly StorageMetrics? _metrics;

    public PostgresCalls(NpgsqlDataSource dataSource, StorageHealth health, IOptions<StorageResilienceOptions> options,
        ILogger<PostgresCalls> log, TimeProvider? time = null, StorageMetrics? metrics = null)
    {
        _dataSource = dataSource;
        _health = health;
        _metrics = metrics;
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        _log = log;
        _pipeline = StoragePipeline.Build(_options, _time, health, log);
    }

    /// <summary>Runs a read on a pooled connection. Reads change nothing, so every transient failure is retried.</summary>
    public Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        RunAsync("hive.storage.read", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            return await read(connection, token);
        }, cancellationToken);

    /// <summary>
    /// Runs a write in one transaction. A failure before the commit rolls everything back, so it is retried; a failure
    /// during the commit leaves the outcome unknown, so it is retried only when <paramref name="idempotent"/> (writing
    /// twice changes nothing) and otherwise reported as "may or may not have been stored".
    /// </summary>
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> write, bool idempotent,
        CancellationToken cancellationToken) =>
        RunAsync("hive.storage.write", async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            await using var transaction = await connection.BeginTransactionAsync(token);
            var result = await write(connection, transaction, token);
            try
            {
                await transaction.CommitAsync(token);
            }
            catch (Exception e) when (!idempotent && (StorageFaults.IsTransient(e) || e is OperationCanceledException))
            {
                throw new AmbiguousCommitException("The connection failed while the commit was in flight.", e);
            }
            return result;
        }, cancellationToken);

    private async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        // One span per call, retries and Npgsql's command spans inside it; null (free) while nobody traces.
        using var activity = HiveTracing.Source.StartActivity(operation, ActivityKind.Internal);
        activity?.SetTag("db.system.name", "postgresql");
        try
        {
            return await _pipeline.ExecuteAsync(static (state, token) => new ValueTask<T>(state.Self.AttemptAsync(state.Attempt, token)),
                (Self: this, Attempt: attempt), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Unavailable(e) is { } unavailable)
        {
            activity?.SetStatus(ActivityStatusCode.Error, unavailable.Code);
            LogUnavailable(_log, e, unavailable.Message);
            throw unavailable;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    private async Task<T> AttemptAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken token)
    {
        var started = _time.GetTimestamp();
        try
        {
            var result = await attempt(token);
            var latency = _time.GetElapsedTime(started);
            _health.RecordSuccess(latency);
            _metrics?.Attempted(latency);
            return result;
        }
        catch (Exception e)
        {
            _health.RecordFailure(e);
            // Idle pooled connections died with this one (server restart): drop them so retries open fresh ones.
            if (StorageFaults.IsConnectionLost(e) || e.InnerException is { } inner && StorageFaults.IsConnectionLost(inner))
                _dataSource.Clear();
            throw;
        }
    }

    /// <summary>The error a caller sees when the database is away; null for errors that pass through unchanged.</summary>
    private HiveException? Unavailable(Exception e)
    {
        var (message, retryAfter) = e switch
        {
            BrokenCircuitException broken => (
                "PostgreSQL is unavailable: recent storage calls failed, so calls are refused for a short while and nothing was written by this one.",
                broken.RetryAfter ?? _options.BreakDuration),
            AmbiguousCommitException => (
                "PostgreSQL stopped answering while this write was committing, so it may or may not have been stored.",
                _options.RetryAfter),
            TimeoutRejectedException => (
                $"PostgreSQL did not answer within {_options.TotalTimeout.TotalSeconds:0.###} s, so the storage call was given up.",
                _options.RetryAfter),
            _ when StorageFaults.IsTransient(e) => (
                $"PostgreSQL could not be reached after {_options.MaxRetries + 1} attempts, so the storage call was given up.",
                _options.RetryAfter),
            _ => (null, TimeSpan.Zero),
        };
        if (message is null) return null;
        return new HiveException(HiveErrorCodes.StorageUnavailable,
            $"{message} Retry after {retryAfter.TotalSeconds:0.###} s.")
        {
            RetryAfter = retryAfter,
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Storage call failed: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string reason);
}
