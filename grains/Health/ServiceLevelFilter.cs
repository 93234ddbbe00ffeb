using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Hive.Health;

/// <summary>
/// Enforces the service level, the halt switch and the rate limits (per caller and per silo) on calls that come from clients. Calls between grains pass:
/// work the hive already accepted (a task releasing its agent, a deadline firing) must be able to finish.
/// </summary>
public sealed class ServiceLevelFilter(
    ServiceLevelCache cache, CallStats stats, CallRateLimiter limiter, HiveMetrics metrics, IOptions<HealthOptions> options)
    : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, OperationAttribute?> Operations = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var operation = context.InterfaceMethod is { } method
            ? Operations.GetOrAdd(method, static m => m.GetCustomAttribute<OperationAttribute>())
            : null;
        if (operation is null || context.SourceId is not { } source || !source.IsClient())
        {
            await context.Invoke();
            return;
        }
        var status = cache.Current;
        Admit(operation, status);
        var permits = operation.CountsItems && context.Request.GetArgumentCount() > 0 && context.Request.GetArgument(0) is System.Collections.ICollection batch
            ? batch.Count
            : 1;
        if (limiter.TryAcquire(CallerOf(source), operation.Kind, status.Level, permits) is { } refusal)
        {
            metrics.RateLimited(operation.Kind, refusal.Scope == RateLimitScope.Caller ? "caller" : "silo");
            var whose = refusal.Scope == RateLimitScope.Caller ? "from this caller" : "on this silo from all callers together";
            throw new HiveException(HiveErrorCodes.RateLimited,
                $"Too many {operation.Kind} calls {whose} at {status.Level} service; retry after {refusal.RetryAfter.TotalMilliseconds:0} ms.")
            {
                RetryAfter = refusal.RetryAfter,
            };
        }
        stats.Called();
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is not HiveException { Code: not HiveErrorCodes.StorageUnavailable })
        {
            stats.Failed();
            throw;
        }
    }

    /// <summary>
    /// The verified principal (set by the credential filter before this one), so a client cannot pick its own bucket;
    /// in open mode the caller id Hive.Client sends, else the client connection.
    /// </summary>
    private static string CallerOf(GrainId source) =>
        RequestContext.Get(HiveRequestContext.PrincipalKey) as string
        ?? (RequestContext.Get(HiveRequestContext.CallerKey) is string caller && caller.Length is > 0 and <= HiveIds.MaxLength ? caller : source.ToString());

    private void Admit(OperationAttribute operation, HiveHealthStatus status)
    {
        if (status.Halted && operation.StopsWhenHalted)
        {
            throw new HiveException(HiveErrorCodes.Halted,
                $"The hive is halted by {status.HaltedBy}: {status.HaltReason}. Task and memory changes are rejected until an operator resumes it.");
        }
        if (!OperationRules.Allows(status.Level, operation.Kind))
        {
            throw new HiveException(HiveErrorCodes.Degraded,
                $"The hive runs at {status.Level} service ({status.Reason}) and accepts only {OperationRules.Describe(status.Level)}; this call is a {operation.Kind} operation.")
            {
                RetryAfter = options.Value.EvaluationInterval * options.Value.RecoveryEvaluations,
            };
        }
    }
}
