using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Hive.Silo.Storage.Resilience;

/// <summary>Builds the storage pipeline, outermost first: overall timeout, retry, circuit breaker, attempt timeout.</summary>
internal static partial class StoragePipeline
{
    public static ResiliencePipeline Build(StorageResilienceOptions options, TimeProvider time, StorageHealth health, ILogger log) =>
        new ResiliencePipelineBuilder { Name = "hive-storage", TimeProvider = time }
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                // A broken circuit and an unknown commit outcome are not retried: the first must fail fast, the second could write twice.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TimeoutRejectedException
                    || args.Outcome.Exception is { } e && StorageFaults.IsTransient(e)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    LogRetry(log, args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Only signs that the database is away count; a deadlock victim or a constraint violation says nothing about it.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TimeoutRejectedException
                    || args.Outcome.Exception is { } e && StorageFaults.IsOutage(e)),
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                OnOpened = args =>
                {
                    health.CircuitOpened(args.BreakDuration);
                    LogOpened(log, args.Outcome.Exception, args.BreakDuration.TotalSeconds);
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    health.CircuitHalfOpened();
                    LogHalfOpened(log);
                    return default;
                },
                OnClosed = _ =>
                {
                    health.CircuitClosed();
                    LogClosed(log);
                    return default;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Storage call failed with a transient fault; attempt {Attempt} follows in {DelayMs:0} ms")]
    private static partial void LogRetry(ILogger logger, Exception? exception, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL looks unavailable: storage calls fail fast for {Seconds:0.###} s, then one call probes it")]
    private static partial void LogOpened(ILogger logger, Exception? exception, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probing PostgreSQL with one storage call")]
    private static partial void LogHalfOpened(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL answers again: storage calls go through")]
    private static partial void LogClosed(ILogger logger);
}
