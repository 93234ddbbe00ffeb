using System.Reflection;

namespace Hive.Tests;

/// <summary>
/// The <c>Category</c> trait every test class carries, for <c>dotnet test --filter "Category=…"</c> (docs/testing.md).
/// One per class, on the concrete class: an abstract scenario runs in memory here and on PostgreSQL in Hive.IntegrationTests.
/// </summary>
public static class TestCategories
{
    public const string Trait = "Category";

    /// <summary>Pure code, no hive (Hive.Tests).</summary>
    public const string Unit = "Unit";

    /// <summary>An in-process TestingHost hive on the in-memory adapters (Hive.Tests).</summary>
    public const string Cluster = "Cluster";

    /// <summary>Real PostgreSQL or Redis, in this process (Hive.IntegrationTests).</summary>
    public const string Durable = "Durable";

    /// <summary>Real silo or console processes, most also on PostgreSQL and Redis (Hive.IntegrationTests).</summary>
    public const string Process = "Process";

    /// <summary>Fault drills: silos, PostgreSQL or Redis killed, partitioned or restarted (Hive.IntegrationTests).</summary>
    public const string Failover = "Failover";

    /// <summary>Each test class of <paramref name="assembly"/> that does not carry exactly one of <paramref name="allowed"/>, and why.</summary>
    public static IEnumerable<string> Problems(Assembly assembly, params string[] allowed)
    {
        foreach (var type in assembly.GetTypes().Where(IsTestClass).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var categories = type.GetCustomAttributesData()
                .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == Trait)
                .Select(a => (string?)a.ConstructorArguments[1].Value)
                .ToList();
            if (categories.Count != 1 || !allowed.Contains(categories[0]))
                yield return $"{type.FullName}: [Trait(\"{Trait}\", …)] is [{string.Join(", ", categories)}], want exactly one of {string.Join(", ", allowed)}";
        }
    }

    private static bool IsTestClass(Type type) =>
        type is { IsClass: true, IsAbstract: false } && !type.IsNested &&
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any());
}
