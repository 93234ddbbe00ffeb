using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Hive.Silo.Hosting;

namespace Hive.Tests.Kubernetes;

/// <summary>The silo's HTTP endpoints, as the probes and the scrape config must name them.</summary>
internal sealed record SiloEndpoints(string Live, string Ready, string Startup, string Metrics, string Source)
{
    /// <summary>
    /// The HTTP contract (ARCHITECTURE.md "Probes" and the Kubernetes brief), used while the silo declares no constants
    /// for it. Once a silo class holds the constant "/health/live", its constants are the truth instead.
    /// </summary>
    private static readonly SiloEndpoints Contract = new("/health/live", "/health/ready", "/health/startup", "/metrics",
        "the contract list in SiloContract.cs (no silo class holds \"/health/live\" yet)");

    public static SiloEndpoints Resolve()
    {
        var holder = typeof(HiveSiloOptions).Assembly.GetTypes()
            .FirstOrDefault(t => Constants(t).Any(c => c.Value == Contract.Live));
        if (holder is null) return Contract;
        var constants = Constants(holder).ToList();
        string Pick(string nameHint, string fallback) =>
            constants.FirstOrDefault(c => c.Name.Contains(nameHint, StringComparison.OrdinalIgnoreCase) && c.Value.StartsWith('/')).Value ?? fallback;
        return new SiloEndpoints(Contract.Live, Pick("Ready", Contract.Ready), Pick("Startup", Contract.Startup), Pick("Metrics", Contract.Metrics),
            $"the constants of {holder.FullName}");
    }

    private static IEnumerable<(string Name, string Value)> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));
}

/// <summary>
/// Every configuration key the silo binds, as patterns of segments ("*" stands for any one segment: a dictionary key or
/// a list index). Derived by reflection from every options class in the silo, grains and domain assemblies that declares a
/// <c>Section</c> constant under "Hive:", walking its bindable public properties; plus the keys of the silo's
/// deployment contract that parallel work is landing (listed below, each with where it will live).
/// </summary>
internal static class SiloConfigurationKeys
{
    /// <summary>
    /// Keys the Kubernetes deployment contract fixes before their options classes exist on this branch. When the class
    /// lands, reflection finds the key too and the entry here is redundant (harmless; delete it then).
    /// Empty now: every key the manifests set has landed in an options class.
    /// </summary>
    public static readonly string[] Contract = [];

    /// <summary>The shutdown timeout the silo uses when Hive:Silo:ShutdownTimeout is not configured.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = new HiveSiloOptions().ShutdownTimeout;

    public static IReadOnlyList<string> Reflected()
    {
        var keys = new List<string>();
        var assemblies = new[] { typeof(HiveSiloOptions).Assembly, typeof(HiveTimingOptions).Assembly, typeof(Hive.Security.SecurityOptions).Assembly }.Distinct();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            var section = type.GetField("Section", BindingFlags.Public | BindingFlags.Static);
            if (section is not { IsLiteral: true } || section.GetRawConstantValue() is not string prefix || !prefix.StartsWith("Hive:", StringComparison.Ordinal)) continue;
            Walk(prefix, type, keys, depth: 0);
        }
        return keys;
    }

    public static IReadOnlyList<string> All() => [.. Reflected(), .. Contract];

    /// <summary>Hive__Silo__SiloPort → Hive:Silo:SiloPort, as .NET's environment configuration provider reads it.</summary>
    public static string KeyOf(string environmentVariable) => environmentVariable.Replace("__", ":", StringComparison.Ordinal);

    public static bool Binds(IEnumerable<string> patterns, string key)
    {
        var segments = key.Split(':');
        return patterns.Any(pattern =>
        {
            var parts = pattern.Split(':');
            return parts.Length == segments.Length
                && parts.Zip(segments).All(p => p.First == "*" || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
        });
    }

    private static void Walk(string prefix, Type type, List<string> keys, int depth)
    {
        if (depth > 6) return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var settable = property.SetMethod is { IsPublic: true };
            var propertyType = property.PropertyType;
            var dictionaryValue = DictionaryValueType(propertyType);
            var element = dictionaryValue is null ? ElementType(propertyType) : null;
            // The binder fills get-only properties only when they are mutable collections.
            if (!settable && dictionaryValue is null && (element is null || !IsMutableCollection(propertyType))) continue;
            var key = $"{prefix}:{property.Name}";
            if (dictionaryValue is not null) Add(key + ":*", dictionaryValue, keys, depth);
            else if (element is not null) Add(key + ":*", element, keys, depth);
            else Add(key, propertyType, keys, depth);
        }
    }

    private static void Add(string key, Type type, List<string> keys, int depth)
    {
        if (IsScalar(type)) keys.Add(key);
        else Walk(key, type, keys, depth + 1);
    }

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
            || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));
    }

    private static Type? DictionaryValueType(Type type) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>) ? type : type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)))?.GetGenericArguments()[1];

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        return (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type : type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))?.GetGenericArguments()[0];
    }

    private static bool IsMutableCollection(Type type) =>
        typeof(IList).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IList<>) || d == typeof(ICollection<>)))
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>) && !type.IsArray);
}
