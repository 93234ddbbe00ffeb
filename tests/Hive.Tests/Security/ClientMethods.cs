using System.Reflection;

namespace Hive.Tests.Security;

/// <summary>
/// The hive's grain methods found by reflection, as the credential filter sees them: the client-callable ones (every
/// method of a grain interface in <c>grain-interfaces</c> that carries <see cref="OperationAttribute"/>) and the
/// grain-to-grain ones (the methods of the grain interfaces declared in <c>grains</c>, each with the grains that implement it).
/// </summary>
public static class ClientMethods
{
    /// <summary>Every client-callable method, in a stable order.</summary>
    public static IReadOnlyList<MethodInfo> Declared { get; } =
        typeof(OperationAttribute).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<OperationAttribute>() is not null)
            .OrderBy(NameOf, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every grain-to-grain method with each grain class implementing it, in a stable order.</summary>
    public static IReadOnlyList<(MethodInfo Method, Type Grain)> Internal { get; } =
        typeof(CredentialFilter).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t))
            .SelectMany(i => i.GetMethods().SelectMany(m => GrainsImplementing(i).Select(g => (m, g))))
            .OrderBy(p => $"{NameOf(p.m)}@{p.g.Name}", StringComparer.Ordinal)
            .ToList();

    public static OperationAttribute Operation(MethodInfo method) => method.GetCustomAttribute<OperationAttribute>()!;

    /// <summary>How tests name a method: <c>IAgentGrain.Register</c>.</summary>
    public static string NameOf(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";

    public static MethodInfo Named(string name) =>
        Declared.SingleOrDefault(m => NameOf(m) == name) ?? throw new InvalidOperationException($"No client-callable method {name}.");

    private static IEnumerable<Type> GrainsImplementing(Type grainInterface) =>
        typeof(CredentialFilter).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t) && grainInterface.IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
}
