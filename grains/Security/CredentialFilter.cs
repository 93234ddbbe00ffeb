using System.Collections.Concurrent;
using System.Reflection;
using Hive.Health;
using Microsoft.Extensions.Options;

namespace Hive.Security;

/// <summary>
/// The one place callers are checked. Every call from a client must name a method with <see cref="OperationAttribute"/>,
/// carry a credential the hive verifies, and come from a principal that may act as every actor the method declares.
/// The verified principal then rides on the call's request context (a client's own value is overwritten), so the grain
/// calls it makes carry it to the audit. Calls between grains are the hive's own work and pass, as do calls a silo makes
/// outside a grain with its <see cref="SiloCredential"/>. A client's call to a grain under a key the hive never makes
/// (<see cref="GrainKeyRules"/>) is refused first, whoever makes it.
/// </summary>
public sealed class CredentialFilter(CredentialVerifier verifier, IOptions<SecurityOptions> options) : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, Declared?> Declarations = new();
    private static readonly Assembly HiveGrains = typeof(CredentialFilter).Assembly;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // Orleans' own system targets (membership, directory) answer its runtime, not Hive's callers.
        if (context.SourceId is not { } source || !source.IsClient() || context.Grain.GetType().Assembly != HiveGrains)
        {
            await context.Invoke();
            return;
        }
        if (GrainKeyRules.Refusal(context.Grain as IAddressable ?? throw NotCallable(context)) is { } forged)
        {
            // The hive never addresses this grain, so nothing will: let its activation go now rather than when idle.
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, forged.Message));
            throw forged;
        }
        var declared = context.InterfaceMethod is { } method ? Declarations.GetOrAdd(method, Declare) : null;
        if (options.Value.Mode == SecurityMode.Open)
        {
            // Nobody is authenticated, so the silos' own hosted calls are known only by the id Orleans gives them.
            if (declared is null && !IsHostedBySilo(source)) throw NotCallable(context);
            RequestContext.Remove(HiveRequestContext.PrincipalKey);
            await context.Invoke();
            return;
        }
        var principal = await verifier.VerifyAsync(RequestContext.Get(HiveRequestContext.CredentialKey) as string);
        if (principal.Kind != PrincipalKind.Silo)
        {
            if (declared is null) throw NotCallable(context);
            var arguments = Arguments(context.Request);
            var key = context.TargetId.Key.ToString() ?? "";
            if (CallAuthorizer.Check(principal, declared.Operation, declared.Actors.Read(arguments, key), declared.Roles.Read(arguments, key)) is { } reason)
                throw HiveException.Forbidden(reason);
        }
        RequestContext.Set(HiveRequestContext.PrincipalKey, principal.Id);
        await context.Invoke();
    }

    private static bool IsHostedBySilo(GrainId client) => client.Key.ToString()?.StartsWith("hosted-", StringComparison.Ordinal) == true;

    private static HiveException NotCallable(IIncomingGrainCallContext context) =>
        HiveException.Forbidden($"{context.InterfaceMethod?.DeclaringType?.Name}.{context.InterfaceMethod?.Name} is not callable by clients.");

    private static Declared? Declare(MethodInfo method) =>
        method.GetCustomAttribute<OperationAttribute>() is { } operation
            ? new Declared(operation, ActorPath.For(method, operation.Actor), ActorPath.For(method, operation.GrantsRoles))
            : null;

    private static object?[] Arguments(Orleans.Serialization.Invocation.IInvokable request)
    {
        var arguments = new object?[request.GetArgumentCount()];
        for (var i = 0; i < arguments.Length; i++) arguments[i] = request.GetArgument(i);
        return arguments;
    }

    private sealed record Declared(OperationAttribute Operation, ActorPath Actors, ActorPath Roles);
}
