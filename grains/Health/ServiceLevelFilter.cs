using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Hive.Health;

/// <summary>
/// Enforces the service level and the halt switch on calls that come from clients. Calls between grains pass:
/// work the hive already accepted (a task releasing its agent, a deadline firing) must be able to finish.
/// </summary>
public sealed class ServiceLevelFilter(ServiceLevelCache cache, CallStats stats, IOptions<HealthOptions> options) : IIncomingGrainCallFilter
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
        Admit(operation, cache.Current);
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
