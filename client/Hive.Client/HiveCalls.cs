using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Hive.Client;

/// <summary>
/// Every facade call goes through here: it names the caller for the hive's rate limits, retries transient
/// rejections and calls that met a departing silo (honouring the hive's retry-after, inside a retry budget), never
/// retries permanent errors, and fails fast with <c>unavailable</c> while the hive is not answering.
/// </summary>
public sealed class HiveCalls
{
    private static readonly ResiliencePropertyKey<TimeSpan> Waited = new("hive.waited");
    private readonly ResiliencePipeline _pipeline;
    private readonly string _caller;
    private readonly HiveCredential _credential;
    private readonly HiveResilienceOptions _options;

    public HiveCalls(string caller, HiveResilienceOptions options, HiveCredential? credential = null)
    {
        _caller = caller;
        _credential = credential ?? HiveCredential.None;
        _options = options;
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                ShouldHandle = args => ValueTask.FromResult(
                    (args.Outcome.Exception is HiveException e && IsRetryable(e) || IsRerouted(args.Outcome.Exception))
                    && Budgeted(args.Context, RetryDelay(args.Outcome.Exception as HiveException, args.AttemptNumber))),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Spend(args.Context, RetryDelay(args.Outcome.Exception as HiveException, args.AttemptNumber))),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                SamplingDuration = options.BreakerWindow,
                MinimumThroughput = options.BreakerMinimumCalls,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome.Exception)),
            })
            .Build();
    }

    public HiveCalls() : this("hive-client", new HiveResilienceOptions()) { }

    /// <summary>
    /// Makes one facade call. The caller's texts (<paramref name="sent"/>, field name and value) are checked first: one
    /// the wire would change (a lone surrogate) fails the call with <c>validation</c> and nothing is sent.
    /// </summary>
    public async Task<T> Run<T>(Func<Task<T>> call, params (string Field, object? Value)[] sent)
    {
        foreach (var (field, value) in sent) WireText.Require(field, value);
        NameCaller();
        if (System.Diagnostics.Activity.Current is { IdFormat: System.Diagnostics.ActivityIdFormat.W3C } activity)
            RequestContext.Set(HiveRequestContext.TraceKey, activity.TraceId.ToHexString());
        else
            RequestContext.Remove(HiveRequestContext.TraceKey);
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            return await _pipeline.ExecuteAsync(static async (_, c) => await Unwrapped(c), context, call);
        }
        catch (BrokenCircuitException e)
        {
            throw new HiveException(HiveErrorCodes.Unavailable,
                $"The hive is not answering; calls fail fast for {_options.BreakDuration.TotalSeconds:0.#} s before the client tries again.")
            {
                RetryAfter = e.RetryAfter ?? _options.BreakDuration,
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc cref="Run{T}(Func{Task{T}}, ValueTuple{string, object}[])"/>
    public Task Run(Func<Task> call, params (string Field, object? Value)[] sent) => Run(async () =>
    {
        await call();
        return true;
    }, sent);

    /// <summary>
    /// Makes one call outside the retry pipeline, for a caller that retries on its own (the memory watch loop), still
    /// naming the caller: the hive counts each caller's waiting long polls by that name.
    /// </summary>
    internal async Task<T> RunOnce<T>(Func<Task<T>> call)
    {
        NameCaller();
        return await Unwrapped(call);
    }

    /// <summary>Puts the caller id and the credential on the call's request context.</summary>
    private void NameCaller()
    {
        RequestContext.Set(HiveRequestContext.CallerKey, _caller);
        if (_credential.Current is { } token) RequestContext.Set(HiveRequestContext.CredentialKey, token);
        else RequestContext.Remove(HiveRequestContext.CredentialKey);
    }

    /// <summary>
    /// Orleans wraps what a grain's storage throws in an <see cref="OrleansException"/> ("Error from storage provider"),
    /// also when that is a Hive error such as storage-unavailable; the caller is promised the Hive error itself.
    /// </summary>
    private static async Task<T> Unwrapped<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (OrleansException e) when (e.InnerException is HiveException hive)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(hive);
            throw;
        }
    }

    /// <summary>Rejected before any work was done, and worth the same call again. Inbox-full is left to the sender, which decides what to drop.</summary>
    private static bool IsRetryable(HiveException e) =>
        e.Code is HiveErrorCodes.RateLimited or HiveErrorCodes.Degraded or HiveErrorCodes.StorageUnavailable;

    /// <summary>
    /// The silo the call went to is leaving or gone (a rolling restart, a crash), so the call is sent again and reaches the
    /// grain on a live silo. A rejected message never ran. A call whose silo became unavailable may have run before it
    /// went; its repeat is what Hive's at-least-once contract allows: a message may arrive twice, and a task transition
    /// that already happened is refused with invalid-transition rather than done twice.
    /// </summary>
    private static bool IsRerouted(Exception? e) =>
        e is SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException || IsUnplaced(e);

    /// <summary>
    /// While a dead silo is still being declared dead, placing a new activation can wait on it until the message expires;
    /// Orleans then answers with a bare <see cref="OperationCanceledException"/> (no type of its own), and the call never
    /// reached a grain. No caller token runs through these calls, so this is the only cancellation they can see.
    /// </summary>
    private static bool IsUnplaced(Exception? e) =>
        e?.GetType() == typeof(OperationCanceledException)
        && e.Message.StartsWith("Message expired before placement", StringComparison.Ordinal);

    private static bool IsOutage(Exception? e) =>
        IsRerouted(e) || e is TimeoutException or HiveException { Code: HiveErrorCodes.StorageUnavailable };

    private TimeSpan RetryDelay(HiveException? e, int attempt)
    {
        if (e?.RetryAfter is { } after) return after;
        var backoff = _options.BaseDelay * Math.Pow(2, attempt);
        return backoff * (0.5 + Random.Shared.NextDouble());
    }

    private bool Budgeted(ResilienceContext context, TimeSpan next) =>
        context.Properties.GetValue(Waited, TimeSpan.Zero) + next <= _options.RetryBudget;

    private static TimeSpan Spend(ResilienceContext context, TimeSpan delay)
    {
        context.Properties.Set(Waited, context.Properties.GetValue(Waited, TimeSpan.Zero) + delay);
        return delay;
    }
}
